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

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const WEEKDAYS = [1, 2, 3, 4, 5];
const WEEKEND = [6, 7];

export type TemplateSeed = {
  post: string;
  name: string;
  days: number[];
  start: string;
  end: string;
  /** the guard's name, or null for a slot nobody holds (an open shift, a coverage risk) */
  guard: string | null;
  /** the assignment ends this many days from today (a gap in the roster ahead) */
  endsInDays?: number;
};

/** Per site (by name): its posts' slots. Sites not listed have no guards. */
export const ROSTER: Record<string, TemplateSeed[]> = {
  "Acme Chicago Hub": [
    {
      post: "Front desk",
      name: "Day",
      days: WEEKDAYS,
      start: "07:00",
      end: "15:00",
      guard: DEMO_GUARD.name,
    },
    {
      post: "Front desk",
      name: "Weekend day",
      days: WEEKEND,
      start: "07:00",
      end: "19:00",
      guard: "Amara Okafor",
    },
    {
      post: "Front desk",
      name: "Evening",
      days: EVERY_DAY,
      start: "15:00",
      end: "23:00",
      guard: "Ben Carter",
    },
    {
      post: "Yard patrol",
      name: "Night",
      days: EVERY_DAY,
      start: "22:00",
      end: "06:00",
      guard: "Chloe Martin",
    },
    {
      post: "Patrol",
      name: "Weekend evening",
      days: WEEKEND,
      start: "15:00",
      end: "23:00",
      guard: DEMO_GUARD.name,
    },
  ],
  "Acme Dallas Cross-Dock": [
    {
      post: "Gatehouse",
      name: "Day",
      days: EVERY_DAY,
      start: "06:00",
      end: "18:00",
      guard: "Diego Ramos",
    },
    {
      post: "Gatehouse",
      name: "Night",
      days: EVERY_DAY,
      start: "18:00",
      end: "06:00",
      guard: "Elif Demir",
      endsInDays: 4,
    },
  ],
  "Acme Newark Port": [
    {
      post: "Main gate",
      name: "Day",
      days: EVERY_DAY,
      start: "07:00",
      end: "15:00",
      guard: "Finn Walsh",
    },
    {
      post: "Main gate",
      name: "Evening",
      days: EVERY_DAY,
      start: "15:00",
      end: "23:00",
      guard: "Grace Liu",
    },
    {
      post: "Main gate",
      name: "Night",
      days: WEEKDAYS,
      start: "23:00",
      end: "07:00",
      guard: "Caleb Stone",
    },
    // Grace works the weekend evening and night back to back: a coverage risk on the board
    {
      post: "Main gate",
      name: "Weekend night",
      days: WEEKEND,
      start: "23:00",
      end: "07:00",
      guard: "Grace Liu",
    },
    {
      post: "Quay patrol",
      name: "Night",
      days: EVERY_DAY,
      start: "20:00",
      end: "04:00",
      guard: "Hassan Ali",
    },
  ],
  "Summit Ashburn DC1": [
    {
      post: "Security operations",
      name: "Day",
      days: EVERY_DAY,
      start: "06:00",
      end: "18:00",
      guard: "Ines Costa",
    },
    {
      post: "Security operations",
      name: "Night",
      days: EVERY_DAY,
      start: "18:00",
      end: "06:00",
      guard: "Jonah Reed",
    },
    {
      post: "Data hall",
      name: "Day",
      days: WEEKDAYS,
      start: "08:00",
      end: "16:00",
      guard: "Kofi Mensah",
    },
  ],
  "Summit Phoenix DC2": [
    {
      post: "Lobby",
      name: "Day",
      days: EVERY_DAY,
      start: "06:00",
      end: "18:00",
      guard: "Lucia Romero",
    },
    {
      post: "Lobby",
      name: "Night",
      days: EVERY_DAY,
      start: "18:00",
      end: "06:00",
      guard: "Marek Nowak",
    },
  ],
  "Summit London DC3": [
    {
      post: "Reception",
      name: "Day",
      days: EVERY_DAY,
      start: "07:00",
      end: "19:00",
      guard: "Nadia Haddad",
    },
    {
      post: "Reception",
      name: "Night",
      days: EVERY_DAY,
      start: "19:00",
      end: "07:00",
      guard: "Omar Farouk",
    },
  ],
  "Summit Singapore DC4": [
    {
      post: "Lobby",
      name: "Day",
      days: EVERY_DAY,
      start: "08:00",
      end: "20:00",
      guard: "Paula Jensen",
    },
    { post: "Lobby", name: "Night", days: EVERY_DAY, start: "20:00", end: "08:00", guard: null },
  ],
  "Harbor General Hospital": [
    {
      post: "Emergency entrance",
      name: "Day",
      days: EVERY_DAY,
      start: "07:00",
      end: "15:00",
      guard: "Quinn Brooks",
    },
    {
      post: "Emergency entrance",
      name: "Evening",
      days: EVERY_DAY,
      start: "15:00",
      end: "23:00",
      guard: "Rosa Alvarez",
    },
    {
      post: "Emergency entrance",
      name: "Night",
      days: EVERY_DAY,
      start: "23:00",
      end: "07:00",
      guard: "Sven Larsen",
    },
    {
      post: "Car park",
      name: "Evening",
      days: EVERY_DAY,
      start: "17:00",
      end: "01:00",
      guard: "Tara Singh",
    },
  ],
  "Harbor Eastside Clinic": [
    {
      post: "Front desk",
      name: "Clinic hours",
      days: WEEKDAYS,
      start: "08:00",
      end: "18:00",
      guard: "Umar Sheikh",
    },
  ],
  "Lakeside High School": [
    {
      post: "Main entrance",
      name: "School day",
      days: WEEKDAYS,
      start: "07:00",
      end: "16:00",
      guard: "Vera Ionescu",
    },
    {
      post: "Campus patrol",
      name: "Night",
      days: EVERY_DAY,
      start: "22:00",
      end: "06:00",
      guard: "Wes Turner",
    },
  ],
  "Lakeside Elementary": [
    {
      post: "Front office",
      name: "School day",
      days: WEEKDAYS,
      start: "07:30",
      end: "15:30",
      guard: "Ximena Cruz",
    },
  ],
  "Meridian Mall Atlanta": [
    {
      post: "Mall floor",
      name: "Opening hours",
      days: EVERY_DAY,
      start: "09:00",
      end: "21:00",
      guard: "Yusuf Demir",
    },
    {
      post: "Mall floor",
      name: "Night",
      days: EVERY_DAY,
      start: "21:00",
      end: "09:00",
      guard: "Zoe Harper",
    },
  ],
  "Meridian Outlet Orlando": [
    {
      post: "Car park",
      name: "Opening hours",
      days: EVERY_DAY,
      start: "10:00",
      end: "22:00",
      guard: "Aiden Clarke",
    },
  ],
  "Riverside Park": [
    {
      post: "Ranger station",
      name: "Day",
      days: EVERY_DAY,
      start: "08:00",
      end: "20:00",
      guard: "Bianca Rossi",
    },
  ],
  "Portside Marina Berths": [
    {
      post: "Marina office",
      name: "Day",
      days: EVERY_DAY,
      start: "06:00",
      end: "18:00",
      guard: "Liam Nguyen",
    },
    {
      post: "Marina office",
      name: "Night",
      days: EVERY_DAY,
      start: "18:00",
      end: "06:00",
      guard: "Mia Thompson",
    },
  ],
  "Granite Tower Berlin": [
    {
      post: "Lobby",
      name: "Office hours",
      days: WEEKDAYS,
      start: "07:00",
      end: "19:00",
      guard: "Noah Kelly",
    },
  ],
};

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
