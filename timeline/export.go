package timeline

import (
	"bufio"
	"bytes"
	"io"

	"khatt/model"
)

// ExportSource is a source as exported.
type ExportSource struct {
	ID        string `json:"id"`
	Path      string `json:"path"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	URL       string `json:"url"`
	Published string `json:"published"`
}

// ExportMention is a mention as exported: Sentence is Source.Text[Start:End],
// the clause that reports the event.
type ExportMention struct {
	Source      string `json:"source"`
	Sentence    string `json:"sentence"`
	Start       int    `json:"start"`
	End         int    `json:"end"`
	Status      string `json:"status,omitempty"`
	Attribution string `json:"attribution,omitempty"`
	Speaker     string `json:"speaker,omitempty"`
}

// ExportSide is one side of an exported conflict.
type ExportSide struct {
	Value    string `json:"value"`
	Source   string `json:"source"`
	Sentence string `json:"sentence"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// ExportConflict is a conflict as exported.
type ExportConflict struct {
	Field string     `json:"field"`
	A     ExportSide `json:"a"`
	B     ExportSide `json:"b"`
}

// ExportEvent is an event as exported. Date and Precision are the date's
// value; Earliest and Latest its bounds; Modifier and Basis how sure and
// how it was reached (DateBasis says it in words).
type ExportEvent struct {
	ID         string           `json:"id"`
	Type       string           `json:"type"`
	Date       string           `json:"date"`
	Precision  string           `json:"precision"`
	Earliest   string           `json:"earliest,omitempty"`
	Latest     string           `json:"latest,omitempty"`
	Modifier   string           `json:"modifier,omitempty"`
	Basis      string           `json:"basis,omitempty"`
	DateExpr   string           `json:"date_expression,omitempty"`
	DateBasis  string           `json:"date_basis,omitempty"`
	TimeOfDay  string           `json:"time_of_day,omitempty"`
	Actors     []string         `json:"actors"`
	Place      string           `json:"place"`
	Summary    string           `json:"summary"`
	Status     string           `json:"status"`
	Planned    bool             `json:"planned"`
	Confidence float64          `json:"confidence"`
	Mentions   []ExportMention  `json:"mentions"`
	Conflicts  []ExportConflict `json:"conflicts"`
}

// Export is the whole machine-readable timeline.
type Export struct {
	Sources []ExportSource `json:"sources"`
	Events  []ExportEvent  `json:"events"`
}

// NewExport converts a timeline to its export form.
func NewExport(t *model.Timeline) Export {
	out := Export{Sources: []ExportSource{}, Events: []ExportEvent{}}
	for i := range t.Sources {
		out.Sources = append(out.Sources, exportSource(&t.Sources[i]))
	}
	for _, e := range t.Events {
		out.Events = append(out.Events, ExportEventOf(e))
	}
	return out
}

// ExportEventOf converts one event to its export form.
func ExportEventOf(e model.Event) ExportEvent {
	var x ExportEvent
	x.set(&e)
	return x
}

// set makes x the export form of e, reusing x's lists: an export converts
// event after event into one ExportEvent.
func (x *ExportEvent) set(e *model.Event) {
	actors, mentions, conflicts := reuse(x.Actors, len(e.Actors)), reuse(x.Mentions, len(e.Mentions)), reuse(x.Conflicts, len(e.Conflicts))
	*x = ExportEvent{ID: e.ID, Type: e.Type.String(), Date: e.Date.String(), Precision: e.Date.Precision.String(),
		DateExpr: e.Date.Expr, DateBasis: e.Date.Basis.String(), TimeOfDay: e.Date.TimeOfDay,
		Actors: actors, Place: e.Place, Summary: e.Summary, Status: e.Status.String(), Planned: e.Planned(),
		Confidence: float64(int(e.Confidence*100+0.5)) / 100,
		Mentions:   mentions, Conflicts: conflicts}
	if e.Date.Known() {
		lo, hi := e.Date.Bounds()
		x.Earliest, x.Latest = model.ISODate(lo), model.ISODate(hi)
		x.Modifier, x.Basis = e.Date.Modifier.String(), e.Date.Basis.Kind.String()
	}
	for _, a := range e.Actors {
		x.Actors = append(x.Actors, a.Name)
	}
	for _, m := range e.Mentions {
		st := ""
		if m.Status != model.Reported {
			st = m.Status.String()
		}
		x.Mentions = append(x.Mentions, ExportMention{Source: m.Source, Sentence: m.Sentence, Start: m.Start, End: m.End,
			Status: st, Attribution: m.Attribution, Speaker: m.Speaker})
	}
	side := func(s model.Side) ExportSide {
		return ExportSide{Value: s.Value, Source: s.Mention.Source, Sentence: s.Mention.Sentence,
			Start: s.Mention.Start, End: s.Mention.End}
	}
	for _, c := range e.Conflicts {
		x.Conflicts = append(x.Conflicts, ExportConflict{Field: c.Field, A: side(c.A), B: side(c.B)})
	}
}

// reuse empties a list for n elements, keeping its room; never nil (an
// empty list is exported as [], not null).
func reuse[T any](l []T, n int) []T {
	if l == nil || cap(l) < n {
		return make([]T, 0, n)
	}
	return l[:0]
}

// WriteJSON writes the timeline as indented JSON (the Export document),
// source by source and event by event: memory does not grow with the
// corpus beyond the timeline itself.
func WriteJSON(w io.Writer, t *model.Timeline) error {
	return writeJSON(w, t, SliceStream(t.Events), nil)
}

// writeJSON writes the Export document of a timeline's sources and of the
// events of a stream that keep lets through (nil: all).
func writeJSON(w io.Writer, t *model.Timeline, events *Stream, keep func(*model.Event) bool) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	// list writes a member whose n chunks of items are encoded on every
	// core, each item after ",\n    ": the first item's comma is dropped.
	list := func(name string, n, size int, each func(k int, o *jsonOut, item func()) error, last bool) error {
		bw.WriteString("  \"" + name + "\": [")
		some := false
		err := pipe(n, size, func(k int, buf *bytes.Buffer) error {
			o := jsonOut{prefix: "    ", indent: "  "}
			return each(k, &o, func() {
				buf.WriteString(",\n    ")
				buf.Write(o.b)
				o.b = o.b[:0]
			})
		}, func(b []byte) error {
			if len(b) > 0 && !some {
				b, some = b[1:], true
			}
			_, err := bw.Write(b)
			return err
		})
		if err != nil {
			return err
		}
		if some {
			bw.WriteString("\n  ")
		}
		bw.WriteString("]")
		if !last {
			bw.WriteString(",")
		}
		bw.WriteString("\n")
		return nil
	}
	bw.WriteString("{\n")
	if err := list("sources", (len(t.Sources)+sliceChunk-1)/sliceChunk, sliceChunk*300, func(k int, o *jsonOut, item func()) error {
		for i := k * sliceChunk; i < min((k+1)*sliceChunk, len(t.Sources)); i++ {
			s := exportSource(&t.Sources[i])
			o.source(&s)
			item()
		}
		return nil
	}, false); err != nil {
		return err
	}
	if err := list("events", events.n, events.chunkBytes(), func(k int, o *jsonOut, item func()) error {
		var x ExportEvent
		return events.each(k, func(e *model.Event) {
			if keep == nil || keep(e) {
				x.set(e)
				o.event(&x)
				item()
			}
		})
	}, true); err != nil {
		return err
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

func exportSource(s *model.Source) ExportSource {
	return ExportSource{ID: s.ID, Path: s.Path, Title: s.Title, Outlet: s.Outlet, URL: s.URL, Published: s.Published.String()}
}
