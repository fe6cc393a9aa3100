-- 0027_live_board_markers.sql
--
-- The live board's markers, one row per ticket and engineer on a region board, so that a board stores what moved
-- since its last write instead of rewriting every open ticket's marker (the grain state 'live-board-markers' grew with
-- the open tickets: megabytes a write on a busy region). The board is a view; these rows only spare a reconnecting
-- console an empty map after the board's silo was lost. A marker is the Orleans serializer's bytes of TicketMarker or
-- EngineerMarker, like grain state.

CREATE TABLE live_board_markers
(
    board     text        NOT NULL,
    kind      text        NOT NULL CHECK (kind IN ('t', 'e')),
    id        text        NOT NULL,
    marker    bytea       NOT NULL,
    stored_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (board, kind, id)
);
