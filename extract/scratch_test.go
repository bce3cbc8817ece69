package extract

import "testing"

// TestSlabHandsOutZeroedValues: what a slab hands out after a reset is
// zero, whatever was written in it before, across chunk boundaries.
func TestSlabHandsOutZeroedValues(t *testing.T) {
	var s slab[frame]
	for round := 0; round < 3; round++ {
		n := slabChunk*2 + 5
		for i := 0; i < n; i++ {
			f := s.alloc()
			if f.s != nil || f.typ != 0 || f.agents != nil || f.lightAt != 0 || f.why != "" {
				t.Fatalf("round %d, value %d: not zero: %+v", round, i, *f)
			}
			f.why, f.lightAt, f.agents = "used", 7, []*Entity{{Name: "x"}}
		}
		s.reset()
	}
	if len(s.chunks) != 3 {
		t.Errorf("%d chunks for %d values a round: the room is not reused", len(s.chunks), slabChunk*2+5)
	}
}
