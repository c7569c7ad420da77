HANOI, May 20 (Lotus Press) -- Vietnam and Laos signed three agreements on hydropower and road transport on Friday during a two-day visit by the Lao prime minister.
