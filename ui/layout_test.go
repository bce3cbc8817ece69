package ui

import "testing"

func TestArrange(t *testing.T) {
	for _, tc := range []struct {
		w, h   int
		focus  PaneID
		panes  []PaneID
		single bool
	}{
		{160, 43, TimelinePane, []PaneID{SourcePane, EventPane, TimelinePane}, false},
		{100, 28, EventPane, []PaneID{SourcePane, EventPane, TimelinePane}, false},
		{99, 28, TimelinePane, []PaneID{EventPane, TimelinePane}, false},
		{99, 28, SourcePane, []PaneID{SourcePane, TimelinePane}, false},
		{60, 18, TimelinePane, []PaneID{EventPane, TimelinePane}, false},
		{59, 18, SourcePane, []PaneID{SourcePane}, false},
		{20, 6, EventPane, []PaneID{EventPane}, false},
		{160, 43, EventPane, []PaneID{EventPane}, true},
	} {
		second := EventPane
		if tc.focus == SourcePane {
			second = SourcePane
		}
		l := Arrange(tc.w, tc.h, tc.focus, second, tc.single)
		if l.TooSmall || len(l.Panes) != len(tc.panes) {
			t.Fatalf("%dx%d focus %d: panes %v, want %v", tc.w, tc.h, tc.focus, l.Panes, tc.panes)
		}
		x := 0
		for i, p := range l.Panes {
			if p != tc.panes[i] {
				t.Errorf("%dx%d: pane %d is %d, want %d", tc.w, tc.h, i, p, tc.panes[i])
			}
			r := l.Rects[p]
			if r.X != x || r.H != tc.h {
				t.Errorf("%dx%d: pane %d at x=%d h=%d, want x=%d h=%d", tc.w, tc.h, p, r.X, r.H, x, tc.h)
			}
			x += r.W
		}
		if x != tc.w {
			t.Errorf("%dx%d: panes cover %d columns", tc.w, tc.h, x)
		}
		// The timeline, when shown, is the rightmost pane: it is read first.
		if l.Visible(TimelinePane) && l.Panes[len(l.Panes)-1] != TimelinePane {
			t.Errorf("%dx%d: timeline is not rightmost", tc.w, tc.h)
		}
	}
	if !Arrange(19, 20, TimelinePane, EventPane, false).TooSmall || !Arrange(40, 5, TimelinePane, EventPane, false).TooSmall {
		t.Error("below 20×8 the layout must give up")
	}
}

func TestOnwardAndBack(t *testing.T) {
	if Onward(TimelinePane) != EventPane || Onward(EventPane) != SourcePane || Onward(SourcePane) != SourcePane {
		t.Error("← goes on in reading direction: timeline, event, source")
	}
	if Back(SourcePane) != EventPane || Back(TimelinePane) != TimelinePane {
		t.Error("→ goes back")
	}
}
