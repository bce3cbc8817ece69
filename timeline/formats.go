package timeline

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"

	"khatt/i18n"
	"khatt/model"
)

// Formats are the names export accepts.
var Formats = []string{"json", "jsonl", "md", "csv", "ics", "timelinejs"}

// Write exports events (already filtered, in timeline order) of a timeline
// in a format.
func Write(w io.Writer, format string, tl *model.Timeline, events []model.Event, l i18n.Labels) error {
	bw := bufio.NewWriterSize(w, 64<<10) // one write per 64 KiB, whatever the format writes
	if err := write(bw, format, tl, events, l); err != nil {
		return err
	}
	return bw.Flush()
}

// Streams reports whether WriteStream writes a format from a stream as it
// comes; the other formats need every event at once (a briefing's months,
// a calendar's count of what it leaves out).
func Streams(format string) bool { return format == "json" || format == "jsonl" }

// WriteStream exports the events of a stream that the filter lets through
// in a format Streams takes, a few chunks at a time.
func WriteStream(w io.Writer, format string, tl *model.Timeline, s *Stream, f Filter) error {
	var keep func(*model.Event) bool
	if !f.Empty() {
		keep = f.Match
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := writeStream(bw, format, tl, s, keep); err != nil {
		return err
	}
	return bw.Flush()
}

func writeStream(w io.Writer, format string, tl *model.Timeline, s *Stream, keep func(*model.Event) bool) error {
	switch format {
	case "json":
		return writeJSON(w, tl, s, keep)
	case "jsonl":
		return writeJSONL(w, s, keep)
	}
	return fmt.Errorf("format %q is not written from a stream", format)
}

func write(w io.Writer, format string, tl *model.Timeline, events []model.Event, l i18n.Labels) error {
	switch format {
	case "json", "jsonl":
		return writeStream(w, format, tl, SliceStream(events), nil)
	case "md":
		return WriteBrief(w, tl, events, l, nil, nil)
	case "csv":
		return writeCSV(w, tl, events)
	case "ics":
		return writeICS(w, tl, events, l)
	case "timelinejs":
		return writeTimelineJS(w, tl, events, l)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// writeJSONL writes one event per line, in the JSON export's event form,
// of the events of a stream that keep lets through (nil: all).
func writeJSONL(w io.Writer, s *Stream, keep func(*model.Event) bool) error {
	return pipe(s.n, s.chunkBytes(), func(k int, buf *bytes.Buffer) error {
		var o jsonOut
		var x ExportEvent
		return s.each(k, func(e *model.Event) {
			if keep != nil && !keep(e) {
				return
			}
			x.set(e)
			o.b = o.b[:0]
			o.event(&x)
			o.b = append(o.b, '\n')
			buf.Write(o.b)
		})
	}, func(b []byte) error {
		_, err := w.Write(b)
		return err
	})
}

// CSVHeader is the first row of the CSV export.
var CSVHeader = []string{"id", "type", "date", "precision", "earliest", "latest", "modifier", "basis", "date_expression",
	"actors", "place", "summary", "status", "planned", "confidence", "sources", "mentions", "first_sentence", "conflicts"}

// writeCSV writes a header row and one row per event (RFC 4180 quoting,
// UTF-8). Lists are joined with " | ".
func writeCSV(w io.Writer, tl *model.Timeline, events []model.Event) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, e := range events {
		var actors, sources, conflicts []string
		for _, a := range e.Actors {
			actors = append(actors, a.Name)
		}
		seen := map[string]bool{}
		for _, m := range e.Mentions {
			if !seen[m.Source] {
				seen[m.Source] = true
				sources = append(sources, m.Source)
			}
		}
		for _, c := range e.Conflicts {
			conflicts = append(conflicts, c.Field+": "+c.A.Value+" ↔ "+c.B.Value)
		}
		first := ""
		if len(e.Mentions) > 0 {
			first = e.Mentions[0].Sentence
		}
		earliest, latest, modifier, basis := "", "", "", ""
		if e.Date.Known() {
			lo, hi := e.Date.Bounds()
			earliest, latest = lo.Format("2006-01-02"), hi.Format("2006-01-02")
			modifier, basis = e.Date.Modifier.String(), e.Date.Basis.Kind.String()
		}
		row := []string{e.ID, e.Type.String(), e.Date.String(), e.Date.Precision.String(), earliest, latest, modifier, basis,
			e.Date.Expr, strings.Join(actors, " | "), e.Place, e.Summary, e.Status.String(), strconv.FormatBool(e.Planned()),
			strconv.FormatFloat(e.Confidence, 'f', 2, 64), strings.Join(sources, " | "), strconv.Itoa(len(e.Mentions)), first,
			strings.Join(conflicts, " | ")}
		for i := range row {
			row[i] = cell(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// cell neutralises a CSV cell a spreadsheet would run as a formula: one
// that starts with = + - @, a tab or a carriage return gets a leading
// apostrophe, as OWASP recommends. Text from articles is the attacker's.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// writeICS writes an iCalendar (RFC 5545) with one all-day VEVENT per event
// dated to the day, spanning its days; events known only to the month or
// the year are left out (see ICSLeftOut). Lines are folded at 75 octets. The UID
// is the event's stable ID and DTSTAMP its latest source's publication, so
// the file does not change between runs over the same corpus.
func writeICS(w io.Writer, tl *model.Timeline, events []model.Event, l i18n.Labels) error {
	cal := icsCalendar(l)
	// Written event by event: each is encoded in a calendar of its own,
	// whose head and tail (the same for all) are written once around
	// them, so the calendar is the one go-ical writes whole
	// (TestICSIsOneCalendar) and is never whole in memory.
	bw := bufio.NewWriterSize(w, 64<<10)
	var head, tail []byte
	var buf bytes.Buffer
	for i := range events {
		e := &events[i]
		if !e.Date.Known() {
			continue
		}
		if e.Date.Precision != model.Day {
			// A calendar has no "some day in July": an all-day block over
			// the whole month or year would say it lasted that long.
			continue
		}
		ev := icsEvent(tl, e, l)
		cal.Children = []*ical.Component{ev.Component}
		buf.Reset()
		if err := ical.NewEncoder(&buf).Encode(cal); err != nil {
			return err
		}
		block := foldICS(buf.Bytes())
		from := bytes.Index(block, []byte("BEGIN:VEVENT\r\n"))
		to := bytes.LastIndex(block, []byte("END:VEVENT\r\n"))
		if from < 0 || to < from {
			return errors.New("calendar: an event was not encoded as one")
		}
		to += len("END:VEVENT\r\n")
		if head == nil {
			head, tail = bytes.Clone(block[:from]), bytes.Clone(block[to:])
			bw.Write(head)
		} else if !bytes.Equal(block[:from], head) || !bytes.Equal(block[to:], tail) {
			return errors.New("calendar: its header changed from one event to the next")
		}
		bw.Write(block[from:to])
	}
	if head == nil {
		// go-ical refuses a calendar with no component; an empty result is
		// still a calendar, with its header and nothing in it.
		_, err := fmt.Fprintf(w, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:%s\r\nEND:VCALENDAR\r\n", cal.Props.Get(ical.PropProductID).Value)
		return err
	}
	bw.Write(tail)
	return bw.Flush()
}

// icsCalendar is the calendar of an export, without its events.
func icsCalendar(l i18n.Labels) *ical.Calendar {
	cal := ical.NewCalendar()
	cal.Props.SetText(ical.PropVersion, "2.0")
	cal.Props.SetText(ical.PropProductID, "-//khatt//timeline//"+strings.ToUpper(l.Lang))
	return cal
}

// icsEvent is an event of a day as a calendar's event.
func icsEvent(tl *model.Timeline, e *model.Event, l i18n.Labels) *ical.Event {
	ev := ical.NewEvent()
	ev.Props.SetText(ical.PropUID, e.ID+"@khatt")
	ev.Props.SetDateTime(ical.PropDateTimeStamp, stamp(tl, e))
	start := time.Date(e.Date.Start.Year(), e.Date.Start.Month(), e.Date.Start.Day(), 0, 0, 0, 0, time.UTC)
	end := time.Date(e.Date.End.Year(), e.Date.End.Month(), e.Date.End.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1)
	ev.Props.SetDate(ical.PropDateTimeStart, start)
	ev.Props.SetDate(ical.PropDateTimeEnd, end)
	ev.Props.SetText(ical.PropSummary, l.Types[e.Type]+": "+Title(e))
	if e.Place != "" {
		ev.Props.SetText(ical.PropLocation, e.Place)
	}
	ev.Props.SetText(ical.PropCategories, e.Type.String())
	if e.Status != model.Reported {
		ev.SetStatus(ical.EventTentative) // planned, or denied by a source
	}
	var desc strings.Builder
	fmt.Fprintf(&desc, "%s\n%s (%s)%s%s\n", e.Summary, DateText(e.Date, l), l.Precision[e.Date.Precision], l.Comma, l.Basis(e.Date.Basis))
	if bt := BoundsText(e.Date, l); bt != "" {
		fmt.Fprintf(&desc, "%s\n", bt)
	}
	if e.Status != model.Reported {
		fmt.Fprintf(&desc, "%s\n", l.Statuses[e.Status])
	}
	for _, m := range e.Mentions {
		fmt.Fprintf(&desc, "\n%s:\n%s\n", sourceLine(tl, m.Source, l), m.Sentence)
	}
	for _, c := range e.Conflicts {
		fmt.Fprintf(&desc, "\n⚠ %s: %s ↔ %s", l.Fields[c.Field], c.A.Value, c.B.Value)
	}
	ev.Props.SetText(ical.PropDescription, desc.String())
	return ev
}

// foldICS folds content lines longer than 75 octets (RFC 5545, 3.1): the
// rest goes on continuation lines that start with a space, never inside a
// UTF-8 sequence.
func foldICS(b []byte) []byte {
	var out bytes.Buffer
	out.Grow(len(b) + len(b)/32)
	for len(b) > 0 {
		line := b
		next := []byte(nil)
		if i := bytes.Index(b, []byte("\r\n")); i >= 0 {
			line, next = b[:i], b[i+2:]
		}
		limit := 75
		for len(line) > limit {
			cut := limit
			for cut > 0 && !utf8.RuneStart(line[cut]) {
				cut--
			}
			out.Write(line[:cut])
			out.WriteString("\r\n ")
			line = line[cut:]
			limit = 74 // the leading space counts
		}
		out.Write(line)
		out.WriteString("\r\n")
		b = next
	}
	return out.Bytes()
}

// stamp is the latest publication date among an event's sources (or its
// own date): stable across runs.
func stamp(tl *model.Timeline, e *model.Event) time.Time {
	t := e.Date.Start
	for _, m := range e.Mentions {
		if src := tl.Source(m.Source); src != nil && src.Published.Known() && src.Published.Start.After(t) {
			t = src.Published.Start
		}
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// TimelineJS is the TimelineJS 3 JSON document.
type TimelineJS struct {
	Title  *TJSSlide  `json:"title,omitempty"`
	Events []TJSSlide `json:"events"`
}

// TJSSlide is a TimelineJS slide.
type TJSSlide struct {
	UniqueID    string   `json:"unique_id,omitempty"`
	StartDate   *TJSDate `json:"start_date,omitempty"`
	EndDate     *TJSDate `json:"end_date,omitempty"`
	DisplayDate string   `json:"display_date,omitempty"`
	Text        TJSText  `json:"text"`
	Group       string   `json:"group,omitempty"`
}

// TJSDate is a TimelineJS date: only the fields the precision allows.
type TJSDate struct {
	Year  string `json:"year"`
	Month string `json:"month,omitempty"`
	Day   string `json:"day,omitempty"`
}

// TJSText is a slide's text; Text may hold HTML.
type TJSText struct {
	Headline string `json:"headline"`
	Text     string `json:"text,omitempty"`
}

// writeTimelineJS writes TimelineJS 3 JSON: a slide per dated event with
// start_date at its precision, grouped by type, text in right-to-left
// HTML blocks for Arabic.
func writeTimelineJS(w io.Writer, tl *model.Timeline, events []model.Event, l i18n.Labels) error {
	open, close := "<div>", "</div>"
	if l.RTL {
		open = `<div dir="rtl" lang="ar">`
	}
	// The document is written slide by slide, each as encoding/json
	// indents it inside the whole (TestTimelineJSIsOneDocument holds it
	// to that), never whole in memory.
	title := &TJSSlide{Text: TJSText{Headline: l.BriefTitle,
		Text: open + html(l.EventsCount(len(events))+" · "+l.SourcesCount(len(tl.Sources))) + close}}
	bw := bufio.NewWriterSize(w, 64<<10)
	b, err := marshalIndent(title, "  ")
	if err != nil {
		return err
	}
	bw.WriteString("{\n  \"title\": ")
	bw.Write(b)
	bw.WriteString(",\n  \"events\": [")
	some := false
	for i := range events {
		e := &events[i]
		if !e.Date.Known() {
			continue // TimelineJS requires a start date
		}
		var body strings.Builder
		body.WriteString(open)
		fmt.Fprintf(&body, "<p>%s</p>", html(e.Summary))
		fmt.Fprintf(&body, "<p>%s%s%s</p>", html(DateText(e.Date, l)), html(l.Comma), html(l.Basis(e.Date.Basis)))
		for _, m := range e.Mentions {
			fmt.Fprintf(&body, "<blockquote>%s<br><cite>%s</cite></blockquote>", html(m.Sentence), html(sourceLine(tl, m.Source, l)))
		}
		for _, c := range e.Conflicts {
			fmt.Fprintf(&body, "<p>⚠ %s: %s ↔ %s</p>", html(l.Fields[c.Field]), html(c.A.Value), html(c.B.Value))
		}
		body.WriteString(close)
		slide := TJSSlide{UniqueID: e.ID, StartDate: tjsDate(e.Date), Group: l.Types[e.Type],
			Text: TJSText{Headline: Title(e), Text: body.String()}}
		if e.Date.Modifier != model.Exact {
			// «≈ 2025-03-01»: the slide says how sure its date is.
			slide.DisplayDate = DateText(e.Date, l)
		}
		b, err := marshalIndent(&slide, "    ")
		if err != nil {
			return err
		}
		if some {
			bw.WriteString(",")
		}
		bw.WriteString("\n    ")
		bw.Write(b)
		some = true
	}
	if some {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]\n}\n")
	return bw.Flush()
}

// marshalIndent is v as encoding/json writes it at a depth whose lines
// start with prefix (indent two spaces, HTML not escaped), without the
// newline an Encoder ends with.
func marshalIndent(v any, prefix string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

func tjsDate(d model.Date) *TJSDate {
	t := &TJSDate{Year: strconv.Itoa(d.Start.Year())}
	if d.Precision >= model.Month {
		t.Month = strconv.Itoa(int(d.Start.Month()))
	}
	if d.Precision == model.Day {
		t.Day = strconv.Itoa(d.Start.Day())
	}
	return t
}

// htmlEscaper is made once (a Replacer builds its tables on first use).
var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func html(s string) string { return htmlEscaper.Replace(s) }

// ICSLeftOut counts the events the calendar leaves out: dated, but only to
// the month or the year.
func ICSLeftOut(events []model.Event) int {
	n := 0
	for i := range events {
		if events[i].Date.Known() && events[i].Date.Precision != model.Day {
			n++
		}
	}
	return n
}
