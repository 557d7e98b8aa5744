import { describe, expect, it } from 'vitest';
import { query } from './api';

describe('query', () => {
  it('keeps defined, non-empty values and repeats the key of an array', () => {
    expect(query({ q: 'tea & cake', limit: 50, status: undefined, memberId: null, cursor: '', tagIds: ['a', 'b'] })).toBe(
      '?q=tea+%26+cake&limit=50&tagIds=a&tagIds=b',
    );
    expect(query({ tagIds: [] })).toBe('');
  });
});
