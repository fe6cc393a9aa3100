// How the board is shown on the map, shared by the map (map.js) and its marker preview (marker-preview.js), which
// stands in for it while MapLibre starts and must look the same: the markers' colours, sizes and rings, and the first
// view (the camera the map takes when the board first has something to show).

// Colour-blind-safe (Okabe–Ito) and distinct between the two sets: engineers are ringed in white, tickets in black.
// "En route" (sky blue) and a "running" ticket (dark blue) are both blue to every eye, told apart by lightness alone:
// an engineer on the way is drawn hollow instead (a thick sky-blue ring around white), a shape no ticket has.
export const engineerColors = {
  Available: "#009E73",
  Offered: "#E69F00",
  EnRoute: "#56B4E9",
  OnSite: "#CC79A7",
  OnBreak: "#BBBBBB",
  Offline: "#000000",
};

export const slaColors = {
  running: "#0051A2",
  warning: "#F0E442",
  breached: "#D55E00",
  paused: "#777777",
  met: "#009E73",
  none: "#332288",
};

const ticketRadius = { P1: 9, P2: 8, P3: 7 };

/** A ticket's marker, where it is the same for every ticket (radius and ring width vary: see ticketLook). */
export const ticketMarker = { radius: 6, ring: "#14202e", ringWidth: 1, opacity: 0.9 };

/** An engineer's marker: only the colour varies (see engineerLook). */
export const engineerMarker = { radius: 6, color: "#666", ring: "#ffffff", ringWidth: 2.5, opacity: 1 };

/** How a ticket is drawn: size by priority, colour by SLA state, a thicker ring when escalated (r, c, sw). */
export function ticketLook(ticket) {
  return {
    r: ticketRadius[ticket.priority] ?? ticketMarker.radius,
    c: slaColors[ticket.slaState] ?? slaColors.none,
    sw: (ticket.escalationLevel ?? 0) > 0 ? 2.5 : ticketMarker.ringWidth,
  };
}

/** The hollow look of an engineer on the way (fill, ring, ring width): see engineerLook. */
export const enRouteMarker = { fill: "#ffffff", ring: engineerColors.EnRoute, ringWidth: 3.5 };

/** How an engineer is drawn: colour by status (c); on the way, hollow (white fill, a thick ring in the status colour). */
export function engineerLook(engineer) {
  if (engineer.status === "EnRoute") return { c: enRouteMarker.fill, sc: enRouteMarker.ring, sw: enRouteMarker.ringWidth };
  return { c: engineerColors[engineer.status] ?? engineerMarker.color };
}

/** An engineer status's legend swatch: its fill and ring, as on the map. */
export function engineerSwatch(status) {
  const look = engineerLook({ status });
  return { fill: look.c, ring: look.sc ?? engineerMarker.ring, ringWidth: look.sw ?? engineerMarker.ringWidth };
}

/**
 * SLA states from least to most urgent: a cluster of tickets takes the colour of the worst state inside it (its
 * tickets carry their state's rank, the cluster the highest).
 */
export const slaUrgency = ["none", "met", "paused", "running", "warning", "breached"];

/** A ticket's rank in slaUrgency (0 when its state is unknown). */
export const slaRank = state => Math.max(0, slaUrgency.indexOf(state));

/**
 * A cluster of engineers: a dark slate no status has (an available engineer is green), ringed in white like them.
 * A cluster of tickets is ringed in black like them.
 */
export const engineerClusterColor = "#3B4A5A";

/**
 * The first view: the map is made at this centre and zoom, then fitted once (with this padding, at most this zoom) to
 * the service regions, or, while none are known, to the markers (see firstViewPoints).
 */
export const firstView = { center: [121.4737, 31.2304], zoom: 10, padding: 40, maxZoom: 14 };

/** The [lon, lat] points the first view fits: the regions' outer rings, else the tickets and engineers. */
export function firstViewPoints(regionFeatures, tickets, engineers) {
  const points = [];
  for (const feature of regionFeatures) for (const ring of outerRings(feature.geometry)) points.push(...ring);
  if (!points.length) {
    for (const marker of [...tickets, ...engineers]) {
      if (Number.isFinite(marker.lon) && Number.isFinite(marker.lat)) points.push([marker.lon, marker.lat]);
    }
  }
  return points;
}

export function outerRings(geometry) {
  if (!geometry) return [];
  if (geometry.type === "Polygon") return [geometry.coordinates[0]];
  if (geometry.type === "MultiPolygon") return geometry.coordinates.map(p => p[0]);
  return [];
}
