// `node --import` this into the app's server process (the launcher and the browser tests do):
// the peer address is stamped from the first request on, before Next.js runs instrumentation.
import { stampPeerAddress } from "../../server/peer-address.mjs";

stampPeerAddress();
