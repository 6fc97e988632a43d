/**
 * The ring for new alerts scored 80+ (loaded only when one is due, to keep the page light):
 * a short two-tone beep, and a desktop notification per alert when the browser allows them.
 */
export function ring(
  alerts: { id: string; title: string; score: number | null; siteName: string }[],
) {
  try {
    const audio = new AudioContext();
    const gain = audio.createGain();
    gain.gain.value = 0.15;
    gain.connect(audio.destination);
    [880, 660].forEach((hz, i) => {
      const tone = audio.createOscillator();
      tone.frequency.value = hz;
      tone.connect(gain);
      tone.start(audio.currentTime + i * 0.18);
      tone.stop(audio.currentTime + i * 0.18 + 0.15);
    });
    setTimeout(() => void audio.close(), 1_000);
  } catch {
    // no sound (no audio device, or the browser refuses before any click): the notification stays
  }
  if (!("Notification" in window) || Notification.permission !== "granted") return;
  for (const a of alerts.slice(0, 3))
    new Notification(`New alert scored ${a.score ?? "?"}`, {
      body: `${a.title} — ${a.siteName}`,
      tag: a.id,
    });
}
