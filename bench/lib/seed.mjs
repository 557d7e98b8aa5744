// Benchmark data straight into the tables: argon2 sign-ups for thousands of principals would take
// minutes. Runs inside a server child (under tsx), next to the app it seeds.

/**
 * Inserts `n` active consumers, each with one session, in one transaction (500 rows a statement).
 * Returns `[{ id, token }]` in insertion order.
 */
export async function insertConsumersWithSessions(app, n, prefix) {
  const { sessionIdOf } = await import('../../packages/server/src/platform/auth/sessions.ts');
  const { newId, newToken } = await import('../../packages/server/src/platform/ids.ts');
  const now = Date.now();
  const clients = [];
  const consumers = [];
  const sessions = [];
  for (let i = 0; i < n; i++) {
    const id = newId(now);
    const token = newToken();
    clients.push({ id, token });
    consumers.push({
      id,
      account: `${prefix}${i}`,
      phone: null,
      nickname: `${prefix} ${i}`,
      avatar_url: null,
      password_hash: 'x',
      status: 'active',
      created_at: now,
      updated_at: now,
    });
    sessions.push({
      id: sessionIdOf(token),
      principal_kind: 'consumer',
      principal_id: id,
      enterprise_id: null,
      created_at: now,
      expires_at: now + 86_400_000,
      last_seen_at: now,
      user_agent: 'bench',
    });
  }
  await app.platform.db.transaction().execute(async (tx) => {
    for (let i = 0; i < n; i += 500) {
      await tx
        .insertInto('consumers')
        .values(consumers.slice(i, i + 500))
        .execute();
      await tx
        .insertInto('sessions')
        .values(sessions.slice(i, i + 500))
        .execute();
    }
  });
  return clients;
}
