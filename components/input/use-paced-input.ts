import { useStdin } from 'ink';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';

/**
 * Pieces of one read from the terminal, each a key press: an escape sequence stays whole, other
 * text is cut into characters (keys typed faster than the screen reads them, over a slow SSH link
 * say, arrive together).
 */
export function keyPressesOf(input: string): string[] {
  if (input.startsWith('\u001b') || input.length <= 1) return [input];
  return [...input];
}

/**
 * Ctrl with a letter (other than Ctrl-C, Ctrl-H, Tab, Enter and Esc) and Alt with a key: a field
 * would take their letter as text (ink-text-input types "u" for Ctrl-U).
 */
const COMBINATION = /^(?:[\x00-\x02\x04-\x07\x0b\x0c\x0e-\x1a\x1c-\x1f]|\x1b[^\x1b[O])$/;

/**
 * Hands Ink's key listeners one press at a time: a press waits until the one before was drawn,
 * and while a text field has the keys, until its effects ran too. Ink subscribes key listeners in
 * effects, which this React root runs lazily; ink-text-input reads its value from props, so a
 * second press read in the same turn would see the value from before the first, and fast typing
 * would lose characters. React runs pending effects before it renders again: a field's next press
 * goes out once a second render after the first was committed. `screen` names what the keys
 * answer (a dialog's step, '' for none); presses queued when another step shows are dropped. Returns whether a field
 * had the keys when the current press went out.
 */
export function usePacedInput(fieldFocused: boolean, screen: string): { readonly current: boolean } {
  const { internal_eventEmitter: emitter } = useStdin();
  const [, render] = useState(0);
  const committed = useRef<(screen: string) => void>(() => undefined);
  const field = useRef(fieldFocused);
  field.current = fieldFocused;
  // Whether a field had the keys when the press being handled went out: its handlers run one after
  // another, and the field's own (Enter submits) may change what has the keys before ours runs.
  const fieldHadKeys = useRef(false);
  useEffect(() => {
    if (!emitter) return;
    const emit = emitter.emit.bind(emitter);
    const queue: string[] = [];
    /**
     * `drawn`: a press went out, its frame is awaited; `settled`: a second frame, for its effects;
     * `next`: the next press goes out in a moment (one release at a time).
     */
    let phase: 'idle' | 'drawn' | 'settled' | 'next' = 'idle';
    const release = () => {
      let press = queue.shift();
      // ink-text-input would insert the letter of a Ctrl combination (Ctrl-U gives "u"): a field
      // does not get them. Ctrl-C (interrupt), Tab, Enter, backspace and Esc still go out.
      while (press !== undefined && field.current && COMBINATION.test(press)) press = queue.shift();
      if (press === undefined) return void (phase = 'idle');
      phase = 'drawn';
      fieldHadKeys.current = field.current;
      emit('input', press);
      // A press that changes nothing must still lead to a frame, or the queue would wait for ever.
      if (queue.length) render((count) => count + 1);
    };
    let shown = '';
    committed.current = (screen) => {
      // Presses typed before a new step of a dialog was on screen are not its answers: a slow link
      // or a paste (`p⏎y`) must not confirm what nobody saw. They are dropped. Closing a dialog
      // ('' here) drops nothing: the keys after it are meant for the view.
      if (screen !== shown) {
        shown = screen;
        if (screen !== '') queue.length = 0;
      }
      // A field that had or has the keys: wait for its effects (subscribing, or unsubscribing as it goes).
      if (phase === 'drawn' && (field.current || fieldHadKeys.current)) {
        phase = 'settled';
        render((count) => count + 1);
      } else if (phase === 'drawn' || phase === 'settled') {
        phase = queue.length ? 'next' : 'idle';
        if (queue.length) setImmediate(release);
      }
    };
    emitter.emit = (event: string | symbol, ...args: unknown[]) => {
      if (event !== 'input' || typeof args[0] !== 'string') return emit(event, ...args);
      // Ctrl-C goes out at once, and what was queued before it is dropped: it interrupts.
      if (args[0] === '\x03') {
        queue.length = 0;
        fieldHadKeys.current = field.current;
        return emit(event, ...args);
      }
      queue.push(...keyPressesOf(args[0]));
      if (phase === 'idle') release();
      else if (phase === 'drawn') render((count) => count + 1);
      return true;
    };
    return () => {
      emitter.emit = emit;
    };
  }, [emitter]);
  useLayoutEffect(() => committed.current(screen));
  return fieldHadKeys;
}
