package ui

// PaneID names a pane.
type PaneID int

// The panes, in reading order: the timeline is read first, so it is the
// rightmost.
const (
	TimelinePane PaneID = iota
	EventPane
	SourcePane
)

// Rect is a pane's box on the screen, borders included.
type Rect struct{ X, Y, W, H int }

// Layout is where the panes go. This file is the only place that knows the
// right-to-left order of the panes.
type Layout struct {
	TooSmall bool
	Panes    []PaneID // left to right on the screen
	Rects    map[PaneID]Rect
}

// Size limits: below these the layout drops panes; below the minimum it
// shows a one-line message.
const (
	MinWidth, MinHeight = 20, 8
	TwoPaneWidth        = 60
	ThreePaneWidth      = 100
)

// Arrange lays the panes out in width × height cells (status and help lines
// excluded), right to left. With room for two panes the timeline shares the
// screen with second (the event or the source pane); with room for one,
// only focus shows. single forces one pane (terminal bidi mode).
func Arrange(width, height int, focus, second PaneID, single bool) Layout {
	if width < MinWidth || height < MinHeight-2 {
		return Layout{TooSmall: true}
	}
	l := Layout{Rects: map[PaneID]Rect{}}
	switch {
	case single || width < TwoPaneWidth:
		l.Panes = []PaneID{focus}
		l.Rects[focus] = Rect{0, 0, width, height}
	case width < ThreePaneWidth:
		if second == TimelinePane {
			second = EventPane
		}
		// The timeline keeps the width its rows need (a date, a type, a
		// summary); the other pane wraps.
		tw := width * 3 / 5
		l.Panes = []PaneID{second, TimelinePane}
		l.Rects[second] = Rect{0, 0, width - tw, height}
		l.Rects[TimelinePane] = Rect{width - tw, 0, tw, height}
	default:
		tw, ew := width*38/100, width*33/100
		sw := width - tw - ew
		l.Panes = []PaneID{SourcePane, EventPane, TimelinePane}
		l.Rects[SourcePane] = Rect{0, 0, sw, height}
		l.Rects[EventPane] = Rect{sw, 0, ew, height}
		l.Rects[TimelinePane] = Rect{sw + ew, 0, tw, height}
	}
	return l
}

// Visible reports whether a pane is on the screen.
func (l Layout) Visible(p PaneID) bool {
	_, ok := l.Rects[p]
	return ok
}

// At returns the pane under screen column x, if any.
func (l Layout) At(x, y int) (PaneID, bool) {
	for _, p := range l.Panes {
		r := l.Rects[p]
		if x >= r.X && x < r.X+r.W && y >= r.Y && y < r.Y+r.H {
			return p, true
		}
	}
	return 0, false
}

// Onward is the pane to the left of p in reading order (timeline → event →
// source), and Back the one to the right.
func Onward(p PaneID) PaneID { return min(p+1, SourcePane) }

// Back is the pane to the right of p.
func Back(p PaneID) PaneID { return max(p-1, TimelinePane) }
