// Autosave of the course draft: a change is saved after a pause in typing (debounced), one save at a
// time; the state says what happened ("Saving…", "Saved at 14:02", "Not saved"). A snapshot that failed
// is not retried by itself (the author fixes it, or presses Retry); the next change is saved as usual.
import { useCallback, useEffect, useRef, useState } from 'react';

export type SaveState =
  | { kind: 'saved'; at: Date }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'failed' };

interface Autosave {
  state: SaveState;
  /** Changes not stored yet (waiting, saving or failed). */
  dirty: boolean;
  /** Saves what is there now (waiting for a save under way first); rejects when it fails. */
  saveNow: () => Promise<void>;
}

export function useAutosave(
  /** The body to save, serialised: a change of it is a change to save. */
  snapshot: string,
  save: (snapshot: string) => Promise<void>,
  /** paused: a change is kept for an explicit save (saveNow) instead of being saved after the delay. */
  options: { delayMs: number; savedAt: Date; paused?: boolean },
): Autosave {
  const [saved, setSaved] = useState(snapshot);
  const [failed, setFailed] = useState<string | null>(null);
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: options.savedAt });
  const running = useRef<Promise<void> | null>(null);
  const latest = useRef(snapshot);
  latest.current = snapshot;
  const saveRef = useRef(save);
  saveRef.current = save;

  const run = useCallback(async (body: string): Promise<void> => {
    while (running.current) await running.current.catch(() => undefined);
    const attempt = (async () => {
      setState({ kind: 'saving' });
      try {
        await saveRef.current(body);
        setSaved(body);
        setFailed(null);
        setState(latest.current === body ? { kind: 'saved', at: new Date() } : { kind: 'pending' });
      } catch (error) {
        setFailed(body);
        setState({ kind: 'failed' });
        throw error;
      }
    })();
    running.current = attempt;
    try {
      await attempt;
    } finally {
      running.current = null;
    }
  }, []);

  const savedAt = useRef(options.savedAt);
  if (state.kind === 'saved') savedAt.current = state.at;
  useEffect(() => {
    // Typed and then undone: nothing left to save.
    if (snapshot === saved && !running.current) setState({ kind: 'saved', at: savedAt.current });
    if (snapshot === saved || snapshot === failed) return;
    if (!running.current) setState({ kind: 'pending' });
    if (options.paused) return;
    const timer = setTimeout(() => run(snapshot).catch(() => undefined), options.delayMs);
    return () => clearTimeout(timer);
  }, [snapshot, saved, failed, run, options.delayMs, options.paused]);

  const saveNow = useCallback(() => run(latest.current), [run]);
  return { state, dirty: snapshot !== saved, saveNow };
}
