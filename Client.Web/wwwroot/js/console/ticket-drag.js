// A ticket being dragged, in one format wherever the drag starts (the plan view's queue and timelines, a ticket-list
// row) and wherever it is dropped (an engineer's timeline, an engineer on the map): one drop rule serves every target.
export const ticketDragType = "text/x-dispatch-ticket";

/** Puts the ticket on a drag that is starting. */
export function startTicketDrag(event, ticketId) {
  event.dataTransfer.setData(ticketDragType, ticketId);
  event.dataTransfer.setData("text/plain", ticketId);
  event.dataTransfer.effectAllowed = "move";
}

/** Whether a drag over a target carries a ticket (while dragging only the types can be read, not the data). */
export function carriesTicket(event) {
  const types = [...(event.dataTransfer?.types ?? [])];
  return types.includes(ticketDragType) || types.includes("text/plain");
}

/** The ticket id of a drop ("" when none). */
export function droppedTicket(event) {
  return (event.dataTransfer.getData(ticketDragType) || event.dataTransfer.getData("text/plain")).trim();
}

/**
 * A ticket-list row dragged (onto an engineer on the map) carries its ticket. The rows are draggable from the start
 * (ticket-list.js: Chromium started no drag from a row made draggable only when the pointer came over it or pressed it); the list holds still
 * under the pointer, so the row pressed is the one dragged.
 */
export function dragTicketRows(body) {
  body.addEventListener("dragstart", event => {
    const row = event.target.closest?.("tr[data-ticket-id]");
    if (row) startTicketDrag(event, row.dataset.ticketId);
  });
}
