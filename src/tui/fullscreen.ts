// The terminal's alternate screen, entered once and left on every way out: q, Ctrl-C, signals,
// and crashes, so the user's shell comes back as it was.
const ENTER = '\x1b[?1049h\x1b[H';
const LEAVE = '\x1b[?25h\x1b[?1049l';

export function enterAlternateScreen(stdout: NodeJS.WriteStream): () => void {
  stdout.write(ENTER);
  let left = false;
  const leave = () => {
    if (left) return;
    left = true;
    stdout.write(LEAVE);
  };
  process.once('exit', leave);
  return leave;
}
