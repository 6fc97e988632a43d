import type { Role } from "@/lib/roles";
import type { Tier } from "@/lib/tiers";

/** The demo tenants' clients, sites, extra users and default groups. */
export type SiteSeed = {
  name: string;
  address: string;
  /** the site's contact number (fictional: 555-01xx and the regulators' drama ranges) */
  phone: string;
  tz: string;
  lat: number;
  lon: number;
  crit: number;
};
export type ClientSeed = {
  name: string;
  tier: Tier;
  recipients: string[];
  slaMetPct: number;
  sites: SiteSeed[];
};

export const NORTHWIND_CLIENTS: ClientSeed[] = [
  {
    name: "Acme Logistics",
    tier: "gold",
    recipients: ["coo@acme-logistics.test", "security@acme-logistics.test"],
    slaMetPct: 95,
    sites: [
      {
        name: "Acme Chicago Hub",
        address: "2200 S Halsted St, Chicago, IL",
        phone: "+1 312 555 0101",
        tz: "America/Chicago",
        lat: 41.8523,
        lon: -87.6466,
        crit: 4,
      },
      {
        name: "Acme Dallas Cross-Dock",
        address: "4100 Irving Blvd, Dallas, TX",
        phone: "+1 312 555 0102",
        tz: "America/Chicago",
        lat: 32.8032,
        lon: -96.8576,
        crit: 3,
      },
      {
        name: "Acme Newark Port",
        address: "1 Port St, Newark, NJ",
        phone: "+1 312 555 0103",
        tz: "America/New_York",
        lat: 40.6895,
        lon: -74.1745,
        crit: 5,
      },
    ],
  },
  {
    name: "Summit Data Centers",
    tier: "gold",
    recipients: ["ciso@summit-dc.test"],
    slaMetPct: 99,
    sites: [
      {
        name: "Summit Ashburn DC1",
        address: "21715 Filigree Ct, Ashburn, VA",
        phone: "+1 312 555 0104",
        tz: "America/New_York",
        lat: 39.0158,
        lon: -77.4593,
        crit: 5,
      },
      {
        name: "Summit Phoenix DC2",
        address: "120 E Van Buren St, Phoenix, AZ",
        phone: "+1 312 555 0105",
        tz: "America/Phoenix",
        lat: 33.4513,
        lon: -112.0713,
        crit: 5,
      },
      {
        name: "Summit London DC3",
        address: "Sovereign House, Docklands, London",
        phone: "+44 20 7946 0906",
        tz: "Europe/London",
        lat: 51.5079,
        lon: -0.0166,
        crit: 5,
      },
      {
        name: "Summit Singapore DC4",
        address: "20 Ayer Rajah Crescent, Singapore",
        phone: "+65 6555 0107",
        tz: "Asia/Singapore",
        lat: 1.2966,
        lon: 103.7876,
        crit: 4,
      },
    ],
  },
  {
    name: "Harbor Health",
    tier: "silver",
    recipients: ["operations@harborhealth.test"],
    slaMetPct: 97,
    sites: [
      {
        name: "Harbor General Hospital",
        address: "747 Broadway, Seattle, WA",
        phone: "+1 312 555 0108",
        tz: "America/Los_Angeles",
        lat: 47.6062,
        lon: -122.3321,
        crit: 5,
      },
      {
        name: "Harbor Eastside Clinic",
        address: "1135 116th Ave NE, Bellevue, WA",
        phone: "+1 312 555 0109",
        tz: "America/Los_Angeles",
        lat: 47.6205,
        lon: -122.1866,
        crit: 3,
      },
    ],
  },
  {
    name: "Lakeside Schools",
    tier: "silver",
    recipients: ["superintendent@lakeside.test"],
    slaMetPct: 92,
    sites: [
      {
        name: "Lakeside High School",
        address: "3000 Lake Dr, Denver, CO",
        phone: "+1 312 555 0110",
        tz: "America/Denver",
        lat: 39.7392,
        lon: -104.9903,
        crit: 3,
      },
      {
        name: "Lakeside Elementary",
        address: "450 Pine St, Boulder, CO",
        phone: "+1 312 555 0111",
        tz: "America/Denver",
        lat: 40.015,
        lon: -105.2705,
        crit: 2,
      },
    ],
  },
  {
    name: "Meridian Retail",
    tier: "bronze",
    recipients: ["lossprevention@meridian.test"],
    slaMetPct: 90,
    sites: [
      {
        name: "Meridian Mall Atlanta",
        address: "3393 Peachtree Rd, Atlanta, GA",
        phone: "+1 312 555 0112",
        tz: "America/New_York",
        lat: 33.8463,
        lon: -84.3621,
        crit: 3,
      },
      {
        name: "Meridian Outlet Orlando",
        address: "4951 International Dr, Orlando, FL",
        phone: "+1 312 555 0113",
        tz: "America/New_York",
        lat: 28.4743,
        lon: -81.4513,
        crit: 2,
      },
    ],
  },
  {
    name: "Civic Parks Department",
    tier: "none",
    recipients: [],
    slaMetPct: 85,
    sites: [
      {
        name: "Riverside Park",
        address: "100 Riverside Dr, Milwaukee, WI",
        phone: "+1 312 555 0114",
        tz: "America/Chicago",
        lat: 43.0389,
        lon: -87.9065,
        crit: 1,
      },
    ],
  },
];

export const BLUEFIN_CLIENTS: ClientSeed[] = [
  {
    name: "Portside Marina",
    tier: "silver",
    recipients: ["gm@portside.test"],
    slaMetPct: 95,
    sites: [
      {
        name: "Portside Marina Berths",
        address: "1 Marina Pde, Sydney NSW",
        phone: "+61 2 5550 0115",
        tz: "Australia/Sydney",
        lat: -33.8568,
        lon: 151.2153,
        crit: 3,
      },
    ],
  },
  {
    name: "Granite Offices",
    tier: "bronze",
    recipients: ["facilities@granite.test"],
    slaMetPct: 90,
    sites: [
      {
        name: "Granite Tower Berlin",
        address: "Friedrichstraße 68, Berlin",
        phone: "+49 30 555 0116",
        tz: "Europe/Berlin",
        lat: 52.5074,
        lon: 13.3904,
        crit: 3,
      },
      {
        name: "Granite Annex Hamburg",
        address: "Jungfernstieg 7, Hamburg",
        phone: "+49 40 555 0117",
        tz: "Europe/Berlin",
        lat: 53.5527,
        lon: 9.9936,
        crit: 2,
      },
    ],
  },
];

export const EXTRA_NORTHWIND_USERS: {
  email: string;
  name: string;
  role: Role;
  active?: boolean;
}[] = [
  { email: "noah.patel@northwind.test", name: "Noah Patel", role: "noc_operator" },
  { email: "grace.kim@northwind.test", name: "Grace Kim", role: "noc_operator" },
  { email: "ivan.petrov@northwind.test", name: "Ivan Petrov", role: "specialist" },
  { email: "lena.ortiz@northwind.test", name: "Lena Ortiz", role: "specialist" },
  { email: "hugo.brandt@northwind.test", name: "Hugo Brandt", role: "supervisor" },
  { email: "priya.shah@northwind.test", name: "Priya Shah", role: "site_manager" },
  { email: "former.lead@northwind.test", name: "Rui Costa", role: "site_manager", active: false },
];

export const DEFAULT_GROUPS = [
  { name: "IoT Specialists", description: "Device faults, offline sensors and cameras" },
  { name: "Security Team", description: "Intrusion, door-forced and patrol alerts" },
  { name: "Helpdesk Supervisors", description: "Ticket escalations and SLA risk" },
  { name: "Emergency Response", description: "Fire, panic and life-safety alarms" },
];
