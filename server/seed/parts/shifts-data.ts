/** The demo roster: who guards which post when, and the tours walked (shifts.md). */

/** The demo login guard@northwind.test, his hub and the post of his relief shifts. */
export const DEMO_GUARD = {
  email: "guard@northwind.test",
  name: "Gus Guard",
  site: "Acme Chicago Hub",
  post: "Front desk",
};

/** Northwind's guards besides Gus; the roster below names them by first name. */
export const NORTHWIND_GUARDS = [
  "Amara Okafor",
  "Ben Carter",
  "Chloe Martin",
  "Diego Ramos",
  "Elif Demir",
  "Finn Walsh",
  "Grace Liu",
  "Hassan Ali",
  "Ines Costa",
  "Jonah Reed",
  "Kofi Mensah",
  "Lucia Romero",
  "Marek Nowak",
  "Nadia Haddad",
  "Omar Farouk",
  "Paula Jensen",
  "Quinn Brooks",
  "Rosa Alvarez",
  "Sven Larsen",
  "Tara Singh",
  "Umar Sheikh",
  "Vera Ionescu",
  "Wes Turner",
  "Ximena Cruz",
  "Yusuf Demir",
  "Zoe Harper",
  "Aiden Clarke",
  "Bianca Rossi",
  "Caleb Stone",
  "Dana Whitfield",
  "Emeka Obi",
  "Freya Lund",
];
export const BLUEFIN_GUARDS = ["Liam Nguyen", "Mia Thompson", "Noah Kelly"];

/** Guards who are reliable, or not: their share of late arrivals and no-shows in the history. */
export const HABITS: Record<string, { late: number; noShow: number; wrongSite?: number }> = {
  "Ben Carter": { late: 0.25, noShow: 0.03 },
  "Elif Demir": { late: 0.1, noShow: 0.12 },
  "Hassan Ali": { late: 0.15, noShow: 0.02, wrongSite: 0.08 },
  "Rosa Alvarez": { late: 0.2, noShow: 0.05 },
  "Wes Turner": { late: 0.12, noShow: 0.08 },
  "Zoe Harper": { late: 0.08, noShow: 0.06, wrongSite: 0.05 },
};
export const USUAL_HABITS = { late: 0.05, noShow: 0.01, wrongSite: 0.01 };

export type TourSeed = {
  site: string;
  name: string;
  critical: boolean;
  windowStart: string;
  windowEnd: string;
  everyMinutes: number;
  checkpoints: { name: string; location: string; toleranceMinutes: number }[];
};

export const TOURS: TourSeed[] = [
  {
    site: "Acme Chicago Hub",
    name: "Yard patrol",
    critical: true,
    windowStart: "20:00",
    windowEnd: "06:00",
    everyMinutes: 120,
    checkpoints: [
      { name: "Gate 2", location: "North fence, by the barrier", toleranceMinutes: 30 },
      { name: "Trailer park", location: "Row F, lamp post 12", toleranceMinutes: 45 },
      { name: "Fuel depot", location: "East wall", toleranceMinutes: 60 },
      { name: "Dock 14", location: "Roller door control box", toleranceMinutes: 75 },
    ],
  },
  // round the clock, a round every hour: the guard on duty always has one to walk
  {
    site: "Acme Chicago Hub",
    name: "Lobby round",
    critical: false,
    windowStart: "00:00",
    windowEnd: "00:00",
    everyMinutes: 60,
    checkpoints: [
      { name: "Main entrance", location: "Inside the revolving door", toleranceMinutes: 60 },
      { name: "Loading office", location: "Dispatch window", toleranceMinutes: 60 },
    ],
  },
  {
    site: "Summit Ashburn DC1",
    name: "Data hall round",
    critical: true,
    windowStart: "00:00",
    windowEnd: "00:00",
    everyMinutes: 180,
    checkpoints: [
      { name: "Hall A cage", location: "Cold aisle 3", toleranceMinutes: 30 },
      { name: "Generator yard", location: "Gen 2 enclosure", toleranceMinutes: 45 },
      { name: "Roof access", location: "Stair core B", toleranceMinutes: 60 },
    ],
  },
  {
    site: "Harbor General Hospital",
    name: "Car park sweep",
    critical: false,
    windowStart: "18:00",
    windowEnd: "06:00",
    everyMinutes: 120,
    checkpoints: [
      { name: "Level 1 lifts", location: "Lift lobby", toleranceMinutes: 30 },
      { name: "Level 3 ramp", location: "Top of the ramp", toleranceMinutes: 45 },
      { name: "Ambulance bay", location: "Bay door", toleranceMinutes: 60 },
    ],
  },
  {
    site: "Portside Marina Berths",
    name: "Berth check",
    critical: false,
    windowStart: "18:00",
    windowEnd: "06:00",
    everyMinutes: 180,
    checkpoints: [
      { name: "Pontoon A", location: "Gate", toleranceMinutes: 40 },
      { name: "Fuel berth", location: "Pump 2", toleranceMinutes: 60 },
    ],
  },
];
