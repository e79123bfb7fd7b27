import { expect, test } from 'vitest';
import * as rt from '@troupe/runtime';
test('runtime entry resolves to source', () => { expect(typeof rt).toBe('object'); });
