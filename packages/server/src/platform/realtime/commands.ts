import type { Static, TSchema } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import type { Actor, PrincipalKind } from '../auth/actor.js';
import { AppError } from '../http/errors.js';

/** What a module registers for one WebSocket command: its data schema, who may call it, and the handler. */
export interface CommandDefinition<S extends TSchema> {
  /** TypeBox schema of `data`; unknown properties are rejected when the schema says so. */
  schema: S;
  /** Principal kinds allowed to run it (others get FORBIDDEN). */
  kinds: PrincipalKind[];
  /** Calls one service function and returns the presented result (the `ack` data). */
  handler: (actor: Actor, data: Static<S>) => Promise<unknown>;
}

interface Entry {
  check: TypeCheck<TSchema>;
  kinds: ReadonlySet<PrincipalKind>;
  handler: (actor: Actor, data: unknown) => Promise<unknown>;
}

/**
 * The WebSocket command table. The platform knows no business: modules register their commands
 * (`registry.register('message.send', …)`) and the hub runs them for `{ t: 'cmd' }` frames.
 * Data is validated with the same TypeBox schemas as the REST routes.
 */
export class CommandRegistry {
  private readonly entries = new Map<string, Entry>();

  register<S extends TSchema>(name: string, definition: CommandDefinition<S>): void {
    if (this.entries.has(name)) throw new Error(`command ${name} is registered twice`);
    this.entries.set(name, {
      check: TypeCompiler.Compile(definition.schema),
      kinds: new Set(definition.kinds),
      handler: definition.handler as Entry['handler'],
    });
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Validates and runs a command; throws AppError (UNKNOWN_COMMAND, FORBIDDEN, VALIDATION_FAILED, or the service's). */
  async run(actor: Actor, name: string, data: unknown): Promise<unknown> {
    const entry = this.entries.get(name);
    if (!entry) throw new AppError('UNKNOWN_COMMAND', `unknown command "${name.slice(0, 64)}"`);
    if (!entry.kinds.has(actor.kind)) throw new AppError('FORBIDDEN', `${actor.kind} sessions may not run ${name}`);
    if (!entry.check.Check(data)) {
      const details = [...entry.check.Errors(data)].slice(0, 5).map((e) => ({
        field: e.path.replace(/^\//, '').replaceAll('/', '.'),
        message: e.message,
      }));
      const first = details[0];
      throw new AppError('VALIDATION_FAILED', first ? `${first.field || 'data'}: ${first.message}` : 'data: is invalid', details);
    }
    return entry.handler(actor, data);
  }
}
