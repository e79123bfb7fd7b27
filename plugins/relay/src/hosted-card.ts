import type { SkillInit } from '@troupe/protocol-relay';
import type { RelayConfig } from './options.js';

/**
 * Fills the node's card from the hosted agent's own card (its class's `static card`): description,
 * skills and version, where the relay options do not set them (issue 8: `relay --agent` published
 * empty skills, a generic description and the plugin's version whatever the agent said). The
 * node's name stays the configured one: it is the `from` of every frame and the peers' view of
 * this node. The card's capabilities stay the relay's protocol flags (§5.2, truthful values).
 *
 * @example
 * withHostedCard(config, { name: 'summarizer', description: 'Summarizes text', skills: ['summarize'] });
 */
export function withHostedCard(config: RelayConfig, card: Readonly<Record<string, unknown>> | undefined): RelayConfig {
  if (card === undefined) return config;
  const description = typeof card['description'] === 'string' ? card['description'] : undefined;
  const version = typeof card['version'] === 'string' ? card['version'] : undefined;
  const skills = Array.isArray(card['skills']) ? card['skills'].flatMap(skillOf) : [];
  return {
    ...config,
    description: config.description ?? description,
    version: config.version ?? version,
    skills: config.skills.length > 0 ? config.skills : skills,
  };
}

function skillOf(skill: unknown): SkillInit[] {
  if (typeof skill === 'string') return skill.length > 0 ? [skill] : [];
  if (typeof skill !== 'object' || skill === null) return [];
  const s = skill as Record<string, unknown>;
  if (typeof s['id'] !== 'string' || s['id'].length === 0) return [];
  return [{
    id: s['id'],
    ...(typeof s['name'] === 'string' ? { name: s['name'] } : {}),
    ...(typeof s['description'] === 'string' ? { description: s['description'] } : {}),
    ...(Array.isArray(s['tags']) ? { tags: s['tags'].filter((t): t is string => typeof t === 'string') } : {}),
  }];
}
