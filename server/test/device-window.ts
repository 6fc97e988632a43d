import type { DeviceWindow } from "@/server/services/devices/health";

/** A healthy battery sensor's last 24 h; each test changes what it is about. */
export function healthyWindow(over: Partial<DeviceWindow> = {}): DeviceWindow {
  return {
    kind: "sensor",
    lastBattery: 90,
    lastSignal: -60,
    lastTemperature: 22,
    uptime: 1,
    uptimeRecent: 1,
    uptimeEarlier: 1,
    batteryAvg: 90.5,
    batterySlope: -0.02,
    signalAvg: -60,
    signalSd: 1,
    signalSlope: 0,
    tempN: 144,
    tempOutShare: 0,
    tempMaxJump: 1,
    reboots: 0,
    ...over,
  };
}
