import { AudioOutlined, UndoOutlined } from '@ant-design/icons';
import { FILE_LIMITS } from '@rapport/shared';
import { Toast } from 'antd-mobile';
import { type PointerEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A finished recording, ready to upload as a voice note. */
export interface RecordedVoice {
  blob: Blob;
  /** The recorder's clock: Chrome's WebM declares no length, so the server takes this one. */
  durationMs: number;
  name: string;
}

/** Shorter than this is a slip of the finger, not a message (WeChat: "说话时间太短"). */
export const MIN_VOICE_MS = 1000;

/** Containers the server accepts, best first: Chrome/Firefox record Opus in WebM or Ogg, Safari AAC in MP4. */
const MIME_TYPES = [
  ['audio/webm;codecs=opus', 'webm'],
  ['audio/webm', 'webm'],
  ['audio/ogg;codecs=opus', 'ogg'],
  ['audio/ogg', 'ogg'],
  ['audio/mp4', 'm4a'],
] as const;

function pickMimeType(): string | undefined {
  return MIME_TYPES.find(([type]) => MediaRecorder.isTypeSupported(type))?.[0];
}

function extensionOf(mime: string): string {
  if (mime.includes('ogg')) return 'ogg';
  if (mime.includes('mp4') || mime.includes('aac')) return 'm4a';
  if (mime.includes('mpeg')) return 'mp3';
  return 'webm';
}

interface Session {
  released: boolean;
  cancel: boolean;
  chunks: Blob[];
  recorder?: MediaRecorder;
  stream?: MediaStream;
  startedAt: number;
  durationMs: number;
  tick?: ReturnType<typeof setInterval>;
}

const stopTracks = (stream?: MediaStream) => {
  for (const track of stream?.getTracks() ?? []) track.stop();
};

/** The keyboard glyph of the voice/keyboard toggle (the icon set has none). */
export function KeyboardIcon() {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
      <rect x="2.5" y="5.5" width="19" height="13" rx="2" />
      <path d="M6 9.5h1M9.5 9.5h1M13 9.5h1M16.5 9.5h1.5M6 12.5h1M9.5 12.5h1M13 12.5h1M16.5 12.5h1.5M8 15.5h8" strokeLinecap="round" />
    </svg>
  );
}

/**
 * "Hold to talk": press records (MediaRecorder), sliding off the button and releasing cancels, releasing on it
 * hands the recording over; under a second is refused, 60 s stops and hands over by itself. Pointer events,
 * so a mouse works as well as a finger. Without a microphone (or permission) it says so and calls `onUnavailable`.
 */
export function HoldToTalk({ onRecorded, onUnavailable }: { onRecorded: (voice: RecordedVoice) => void; onUnavailable: () => void }) {
  const { t } = useTranslation('app');
  const session = useRef<Session | null>(null);
  const [active, setActive] = useState(false);
  const [cancel, setCancel] = useState(false);
  const [elapsed, setElapsed] = useState(0);
  const latest = useRef({ onRecorded, onUnavailable });
  latest.current = { onRecorded, onUnavailable };

  // Leaving the chat mid-recording drops the recording and frees the microphone.
  useEffect(
    () => () => {
      const s = session.current;
      if (!s) return;
      s.released = true;
      s.cancel = true;
      clearInterval(s.tick);
      if (s.recorder && s.recorder.state !== 'inactive') s.recorder.stop();
      stopTracks(s.stream);
    },
    [],
  );

  const tooShort = () => Toast.show({ icon: 'fail', content: t('chat.voiceTooShort') });

  const finish = (cancelled: boolean) => {
    const s = session.current;
    if (!s || s.released) return;
    s.released = true;
    s.cancel = cancelled;
    clearInterval(s.tick);
    setActive(false);
    setCancel(false);
    if (s.recorder && s.recorder.state !== 'inactive') {
      s.durationMs = Math.min(performance.now() - s.startedAt, FILE_LIMITS.voiceDurationMs);
      s.recorder.stop();
    } else if (!cancelled) {
      // Released before the microphone even opened.
      tooShort();
    }
  };

  const deliver = (s: Session) => {
    if (s.cancel) return;
    const type = s.recorder?.mimeType || s.chunks[0]?.type || 'audio/webm';
    const blob = new Blob(s.chunks, { type });
    if (s.durationMs < MIN_VOICE_MS || blob.size === 0) {
      tooShort();
      return;
    }
    latest.current.onRecorded({ blob, durationMs: Math.round(s.durationMs), name: `voice.${extensionOf(type)}` });
  };

  const unavailable = (reason: 'denied' | 'missing' | 'unsupported') => {
    if (session.current) session.current.released = true;
    setActive(false);
    setCancel(false);
    Toast.show({
      icon: 'fail',
      content: t(reason === 'denied' ? 'chat.micDenied' : reason === 'missing' ? 'chat.micMissing' : 'chat.micUnsupported'),
      duration: 3000,
    });
    latest.current.onUnavailable();
  };

  const start = async (event: PointerEvent<HTMLButtonElement>) => {
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    if (session.current && !session.current.released) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    const s: Session = { released: false, cancel: false, chunks: [], startedAt: 0, durationMs: 0 };
    session.current = s;
    // A "Too short" from the last try must not sit on top of this recording's overlay.
    Toast.clear();
    setElapsed(0);
    setCancel(false);
    setActive(true);
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') {
      unavailable('unsupported');
      return;
    }
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      const name = error instanceof DOMException ? error.name : '';
      if (session.current !== s) return;
      unavailable(
        name === 'NotAllowedError' || name === 'SecurityError'
          ? 'denied'
          : name === 'NotFoundError' || name === 'NotReadableError' || name === 'OverconstrainedError'
            ? 'missing'
            : 'unsupported',
      );
      return;
    }
    s.stream = stream;
    if (s.released) {
      stopTracks(stream);
      return;
    }
    let recorder: MediaRecorder;
    try {
      const mimeType = pickMimeType();
      recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    } catch {
      stopTracks(stream);
      unavailable('unsupported');
      return;
    }
    s.recorder = recorder;
    recorder.ondataavailable = (e) => {
      if (e.data.size > 0) s.chunks.push(e.data);
    };
    recorder.onstop = () => {
      stopTracks(stream);
      deliver(s);
    };
    recorder.start();
    s.startedAt = performance.now();
    s.tick = setInterval(() => {
      const ms = performance.now() - s.startedAt;
      setElapsed(ms);
      if (ms >= FILE_LIMITS.voiceDurationMs) finish(false);
    }, 200);
  };

  // Outside the button (slid up, or off it) means "cancel"; the pointer is captured, so moves keep coming.
  const outside = (event: PointerEvent<HTMLButtonElement>) => {
    const r = event.currentTarget.getBoundingClientRect();
    return event.clientX < r.left || event.clientX > r.right || event.clientY < r.top || event.clientY > r.bottom;
  };

  const seconds = Math.floor(elapsed / 1000);
  const left = Math.ceil((FILE_LIMITS.voiceDurationMs - elapsed) / 1000);
  return (
    <>
      <button
        type="button"
        className={`rp-voice-hold${active ? ' rp-voice-hold-active' : ''}`}
        data-testid="voice-hold"
        onPointerDown={(e) => void start(e)}
        onPointerMove={(e) => {
          if (active) setCancel(outside(e));
        }}
        onPointerUp={(e) => finish(outside(e))}
        onPointerCancel={() => finish(true)}
        onContextMenu={(e) => e.preventDefault()}
      >
        {active ? t('chat.releaseToSend') : t('chat.holdToTalk')}
      </button>
      {active ? (
        <div className="rp-voice-overlay" data-testid="voice-overlay" data-cancel={cancel || undefined} aria-live="polite">
          <div className={`rp-voice-card${cancel ? ' rp-voice-card-cancel' : ''}`}>
            {cancel ? <UndoOutlined className="rp-voice-card-icon" /> : <AudioOutlined className="rp-voice-card-icon rp-voice-pulse" />}
            <div className="rp-voice-elapsed" data-testid="voice-elapsed">
              {left <= 10
                ? t('chat.voiceLeft', { count: Math.max(0, left) })
                : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`}
            </div>
            <div className="rp-voice-hint">{cancel ? t('chat.releaseToCancel') : t('chat.slideUpToCancel')}</div>
          </div>
        </div>
      ) : null}
    </>
  );
}
