/**
 * A progress line for long commands: a bar on a terminal (redrawn in place),
 * or one line per tenth of the way when the output is a log file or CI, so
 * logs stay short and still show that work is moving.
 */
export function progress(label: string, total: number) {
  const tty = process.stdout.isTTY;
  const started = Date.now();
  let lastTenth = -1;
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  return {
    tick(done: number) {
      const share = total === 0 ? 1 : Math.min(1, done / total);
      if (tty) {
        const width = 30;
        const filled = Math.round(share * width);
        process.stdout.write(`\r  ${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${Math.round(share * 100)}% ${done.toLocaleString("en")}/${total.toLocaleString("en")}`);
        return;
      }
      const tenth = Math.floor(share * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        console.log(`  ${label}: ${tenth * 10}% (${done.toLocaleString("en")}/${total.toLocaleString("en")}, ${elapsed()})`);
      }
    },
    done(summary = "") {
      if (tty) process.stdout.write("\n");
      console.log(`  ${label}: done in ${elapsed()}${summary ? ` — ${summary}` : ""}`);
    },
  };
}
