// A ticket dropped on an engineer on the map is offered to them, as on the plan view's timeline: the map finds the
// engineer drawn under the drop (a few px of tolerance); a cluster of engineers cannot take it (the map zooms in to
// split it and says so), and neither can an empty spot.
import { t } from "../shared/i18n.js";
import { carriesTicket, droppedTicket } from "./ticket-drag.js";

/**
 * @param {import("./map.js").LiveMap} liveMap
 * @param {{offer: (ticketId, engineerId) => Promise, say: (text, error?, state?) => void}} actions
 */
export function acceptTicketDrops(liveMap, { offer, say }) {
  const container = liveMap.container;
  container.addEventListener("dragover", event => {
    if (!carriesTicket(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    container.classList.add("drop");
  });
  container.addEventListener("dragleave", event => {
    if (!container.contains(event.relatedTarget)) container.classList.remove("drop");
  });
  container.addEventListener("drop", event => {
    container.classList.remove("drop");
    const ticketId = droppedTicket(event);
    if (!ticketId) return;
    event.preventDefault();
    const box = container.getBoundingClientRect();
    const hit = liveMap.engineerAt([event.clientX - box.left, event.clientY - box.top]);
    if (hit?.engineer) offer(ticketId, hit.engineer.id);
    else if (hit?.cluster) {
      say(`${ticketId}: ${t("mapDrop.cluster", { count: hit.cluster.properties.point_count })}`, true, "cluster");
      liveMap.openCluster(hit.cluster);
    } else say(`${ticketId}: ${t("mapDrop.nobody")}`, true, "nobody");
  });
}
