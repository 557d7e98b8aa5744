import { type ClientFrame, REALTIME_LIMITS } from '@rapport/shared';
import type { RawData } from 'ws';

export type DecodedFrame = { ok: true; frame: ClientFrame } | { ok: false; message: string; id?: string };

const bad = (message: string, id?: string): DecodedFrame => ({ ok: false, message, id });

/**
 * Decodes and validates one client message by hand (it is on the hot path and tiny): a text
 * frame of at most `clientFrameBytes`, one JSON object, a known `t`, no unknown properties.
 */
export function decodeClientFrame(data: RawData, isBinary: boolean): DecodedFrame {
  if (isBinary) return bad('frames must be UTF-8 JSON text');
  const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
  if (size > REALTIME_LIMITS.commandFrameBytes) return bad(`frames are at most ${REALTIME_LIMITS.commandFrameBytes} bytes`);
  const text = Array.isArray(data)
    ? Buffer.concat(data).toString('utf8')
    : Buffer.isBuffer(data)
      ? data.toString('utf8')
      : Buffer.from(data).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return bad('frames must be JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('a frame is a JSON object');
  const frame = value as Record<string, unknown>;
  const id = frame.id;
  if (id !== undefined && (typeof id !== 'string' || id.length > REALTIME_LIMITS.idLength)) {
    return bad(`id must be a string of at most ${REALTIME_LIMITS.idLength} characters`);
  }
  const okId = id as string | undefined;
  // Only commands may be large (a message); control frames stay tiny.
  if (frame.t !== 'cmd' && size > REALTIME_LIMITS.clientFrameBytes) {
    return bad(`${String(frame.t).slice(0, 16)} frames are at most ${REALTIME_LIMITS.clientFrameBytes} bytes`, okId);
  }
  const allowed = ALLOWED_KEYS.get(frame.t);
  if (!allowed) return bad('unknown frame type', okId);
  for (const key of Object.keys(frame)) {
    if (!allowed.has(key)) return bad(`unknown property "${key.slice(0, 32)}"`, okId);
  }
  if (frame.t === 'ping') return { ok: true, frame: okId === undefined ? { t: 'ping' } : { t: 'ping', id: okId } };
  if (frame.t === 'cmd') {
    if (okId === undefined || okId.length === 0) return bad('a command needs an id');
    const name = frame.name;
    if (typeof name !== 'string' || name.length === 0 || name.length > REALTIME_LIMITS.commandNameLength) {
      return bad('name must be a command name', okId);
    }
    return { ok: true, frame: { t: 'cmd', id: okId, name, data: frame.data } };
  }
  // frame.t === 'sync'
  const after = frame.after;
  if (typeof after !== 'number' || !Number.isSafeInteger(after) || after < 0) return bad('after must be a non-negative integer', okId);
  return { ok: true, frame: okId === undefined ? { t: 'sync', after } : { t: 'sync', after, id: okId } };
}

const ALLOWED_KEYS = new Map<unknown, Set<string>>([
  ['ping', new Set(['t', 'id'])],
  ['sync', new Set(['t', 'after', 'id'])],
  ['cmd', new Set(['t', 'id', 'name', 'data'])],
]);

/**
 * A value already serialised to JSON (a command's result, an event's data): frames embed its text
 * as is instead of serialising the same object once more per frame.
 */
export class JsonText {
  constructor(readonly json: string) {}
}

/** `{ t: 'ack', id, data }` as text. */
export const ackText = (id: string, data: unknown): string =>
  data instanceof JsonText
    ? `{"t":"ack","id":${JSON.stringify(id)},"data":${data.json}}`
    : JSON.stringify({ t: 'ack', id, data: data ?? null });

/** `{ t: 'event', seq, type, data, at }` as text, reusing the data's JSON (the payload stored with the event). */
export const eventText = (frame: { seq: number; type: string; at: number }, dataJson: string): string =>
  `{"t":"event","seq":${frame.seq},"type":${JSON.stringify(frame.type)},"data":${dataJson},"at":${frame.at}}`;
