package timeline

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/emersion/go-ical"

	"khatt/i18n"
	"khatt/model"
)

var update = flag.Bool("update", false, "rewrite golden files")

func export(t *testing.T, format string, events []model.Event, l i18n.Labels) []byte {
	t.Helper()
	tl := seedTimeline(t)
	var buf bytes.Buffer
	if err := Write(&buf, format, tl, events, l); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestJSONLParsesBack(t *testing.T) {
	tl := seedTimeline(t)
	out := export(t, "jsonl", tl.Events, i18n.Arabic)
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		var e ExportEvent
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		if e.ID != tl.Events[n].ID || len(e.Mentions) == 0 {
			t.Errorf("line %d: %+v", n+1, e)
		}
		n++
	}
	if n != len(tl.Events) {
		t.Errorf("%d lines for %d events", n, len(tl.Events))
	}
}

func TestCSVParsesBack(t *testing.T) {
	tl := seedTimeline(t)
	rows, err := csv.NewReader(bytes.NewReader(export(t, "csv", tl.Events, i18n.Arabic))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(tl.Events)+1 || strings.Join(rows[0], ",") != strings.Join(CSVHeader, ",") {
		t.Fatalf("%d rows, header %v", len(rows), rows[0])
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for i, r := range rows[1:] {
		e := tl.Events[i]
		lo, hi := e.Date.Bounds()
		if r[col["id"]] != e.ID || r[col["type"]] != e.Type.String() || r[col["date"]] != e.Date.String() ||
			r[col["summary"]] != e.Summary || r[col["first_sentence"]] != e.Mentions[0].Sentence ||
			r[col["earliest"]] != lo.Format("2006-01-02") || r[col["latest"]] != hi.Format("2006-01-02") ||
			r[col["status"]] != e.Status.String() || r[col["basis"]] != e.Date.Basis.Kind.String() {
			t.Errorf("row %d: %v", i+1, r)
		}
	}
}

func TestICSParsesBack(t *testing.T) {
	tl := seedTimeline(t)
	out := export(t, "ics", tl.Events, i18n.Arabic)
	cal, err := ical.NewDecoder(bytes.NewReader(out)).Decode()
	if err != nil {
		t.Fatal(err)
	}
	// Every event dated to the day, none known only to the month or year
	// (a calendar would draw a month-long block).
	dated := map[string]model.Event{}
	for _, e := range tl.Events {
		if e.Date.Known() && e.Date.Precision == model.Day {
			dated[e.ID+"@khatt"] = e
		}
	}
	evs := cal.Events()
	if len(evs) != len(dated) || ICSLeftOut(tl.Events) == 0 {
		t.Fatalf("%d VEVENTs for %d events dated to the day (%d left out)", len(evs), len(dated), ICSLeftOut(tl.Events))
	}
	// Lines are folded at 75 octets, never inside a character.
	for i, line := range strings.Split(string(out), "\r\n") {
		if len(line) > 75 || !utf8.ValidString(line) {
			t.Fatalf("line %d: %d octets, valid UTF-8 %v: %q", i+1, len(line), utf8.ValidString(line), line)
		}
	}
	for _, ev := range evs {
		uid, _ := ev.Props.Text(ical.PropUID)
		e, ok := dated[uid]
		if !ok {
			t.Fatalf("unknown UID %q", uid)
		}
		start := ev.Props.Get(ical.PropDateTimeStart)
		if start.ValueType() != ical.ValueDate {
			t.Errorf("%s: DTSTART is %s, want an all-day DATE", uid, start.ValueType())
		}
		s, err := ev.DateTimeStart(nil)
		if err != nil || !s.Equal(e.Date.Start) {
			t.Errorf("%s: start %v (%v), want %v", uid, s, err, e.Date.Start)
		}
		end, _ := ev.DateTimeEnd(nil)
		if !end.Equal(e.Date.End.AddDate(0, 0, 1)) {
			t.Errorf("%s: end %v, want the day after %v", uid, end, e.Date.End)
		}
		desc, _ := ev.Props.Text(ical.PropDescription)
		if !strings.Contains(desc, e.Mentions[0].Sentence) {
			t.Errorf("%s: DESCRIPTION lacks the sources", uid)
		}
	}
	if again := export(t, "ics", tl.Events, i18n.Arabic); !bytes.Equal(out, again) {
		t.Error("the calendar changes between runs (UIDs and stamps must be stable)")
	}
}

func TestTimelineJSParsesBack(t *testing.T) {
	tl := seedTimeline(t)
	var doc TimelineJS
	if err := json.Unmarshal(export(t, "timelinejs", tl.Events, i18n.Arabic), &doc); err != nil {
		t.Fatal(err)
	}
	byID := map[string]model.Event{}
	for _, e := range tl.Events {
		byID[e.ID] = e
	}
	if doc.Title == nil || len(doc.Events) == 0 {
		t.Fatal("no title or no events")
	}
	for _, s := range doc.Events {
		e := byID[s.UniqueID]
		d := s.StartDate
		switch e.Date.Precision {
		case model.Day:
			if d.Day == "" || d.Month == "" {
				t.Errorf("%s: day precision needs year, month and day: %+v", e.ID, d)
			}
		case model.Month:
			if d.Day != "" || d.Month == "" {
				t.Errorf("%s: month precision: %+v", e.ID, d)
			}
		case model.Year:
			if d.Day != "" || d.Month != "" {
				t.Errorf("%s: year precision: %+v", e.ID, d)
			}
		}
		if s.Group != i18n.Arabic.Types[e.Type] || !strings.Contains(s.Text.Text, `dir="rtl"`) || s.Text.Headline == "" {
			t.Errorf("%s: slide %+v", e.ID, s)
		}
	}
}

// TestICSIsOneCalendar: the calendar written event by event is the one
// go-ical writes of all its events at once (folded), with events and
// without.
func TestICSIsOneCalendar(t *testing.T) {
	tl := seedTimeline(t)
	cal := icsCalendar(i18n.Arabic)
	for i := range tl.Events {
		if e := &tl.Events[i]; e.Date.Precision == model.Day {
			cal.Children = append(cal.Children, icsEvent(tl, e, i18n.Arabic).Component)
		}
	}
	if len(cal.Children) < 2 {
		t.Fatalf("%d events of a day in the seeds: too few to check", len(cal.Children))
	}
	var whole bytes.Buffer
	if err := ical.NewEncoder(&whole).Encode(cal); err != nil {
		t.Fatal(err)
	}
	if got := export(t, "ics", tl.Events, i18n.Arabic); string(got) != string(foldICS(whole.Bytes())) {
		t.Error("the calendar written event by event differs from the whole one")
	}
}

// TestTimelineJSIsOneDocument: the document written slide by slide is
// the one encoding/json writes of it whole (indented, HTML not escaped),
// with events and without.
func TestTimelineJSIsOneDocument(t *testing.T) {
	tl := seedTimeline(t)
	for _, events := range [][]model.Event{tl.Events, nil} {
		got := export(t, "timelinejs", events, i18n.Arabic)
		var doc TimelineJS
		if err := json.Unmarshal(got, &doc); err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(doc)
		if string(got) != want.String() {
			t.Errorf("%d events: the document written slide by slide differs from the whole one", len(events))
		}
	}
}

func TestMarkdownBriefGolden(t *testing.T) {
	tl := seedTimeline(t)
	for _, tc := range []struct {
		name string
		l    i18n.Labels
		f    Filter
	}{
		{"brief_ar", i18n.Arabic, Filter{Since: mustDate("2021-07")}},
		{"brief_en", i18n.English, Filter{Types: []model.EventType{model.Visit}}},
		{"brief_empty", i18n.Arabic, Filter{Query: "لا يوجد هذا النص"}},
	} {
		out := export(t, "md", tc.f.Apply(tl.Events), tc.l)
		path := "../testdata/golden/" + tc.name + ".golden"
		if *update {
			if err := os.WriteFile(path, out, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(out, want) {
			t.Errorf("%s differs from %s (go test ./timeline -run Golden -update)", tc.name, path)
		}
	}
}

func TestEmptyResultInEveryFormat(t *testing.T) {
	for _, f := range Formats {
		out := export(t, f, nil, i18n.Arabic)
		switch f {
		case "json", "timelinejs":
			var v map[string]any
			if err := json.Unmarshal(out, &v); err != nil {
				t.Errorf("%s: %v", f, err)
			}
		case "csv":
			rows, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
			if err != nil || len(rows) != 1 {
				t.Errorf("csv: %d rows, %v", len(rows), err)
			}
		case "ics":
			cal, err := ical.NewDecoder(bytes.NewReader(out)).Decode()
			if err != nil || len(cal.Events()) != 0 {
				t.Errorf("ics: %v", err)
			}
		case "jsonl":
			if len(out) != 0 {
				t.Errorf("jsonl: %q", out)
			}
		case "md":
			if !bytes.Contains(out, []byte(i18n.Arabic.NoEvents)) {
				t.Errorf("md: %s", out)
			}
		}
	}
	if err := Write(&bytes.Buffer{}, "xml", seedTimeline(t), nil, i18n.Arabic); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestFilter(t *testing.T) {
	tl := seedTimeline(t)
	f, err := ParseFilter("type:visit,talks actor:قآني place:بغداد since:2021 until:2021-12 source:00")
	if err != nil {
		t.Fatal(err)
	}
	got := f.Apply(tl.Events)
	if len(got) == 0 {
		t.Fatal("nothing passed")
	}
	for _, e := range got {
		if e.Type == model.Statement || e.Date.Start.Year() != 2021 || !strings.Contains(Fold(e.Place), Fold("بغداد")) {
			t.Errorf("let through: %s %s %s", e.Type, e.Date, e.Place)
		}
	}
	if q := (Filter{Query: "قاآني"}).Apply(tl.Events); len(q) == 0 {
		t.Error("query found nothing")
	}
	for bad, want := range map[string]string{"type:party": "type", "since:yesterday": "date", "colour:red": "", "ثقة:عالية": "confidence"} {
		_, err := ParseFilter(bad)
		var fe *FilterError
		if !errors.As(err, &fe) || fe.Want != want {
			t.Errorf("%q: %v, want a FilterError that wants %q", bad, err, want)
		}
	}
	// Bare words are searched for; what was typed is kept to be shown.
	f, err = ParseFilter("مكان:بغداد قاآني فاعل:إسماعيل_قاآني زيارة")
	if err != nil || f.Query != "قاآني زيارة" || f.PlaceText != "بغداد" || f.ActorText != "إسماعيل قاآني" || f.Place != Fold("بغداد") {
		t.Errorf("got %+v %v", f, err)
	}
}

func mustDate(s string) model.Date {
	d, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestCSVNeutralisesFormulas(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"http://x\",\"y\")": "'=HYPERLINK(\"http://x\",\"y\")",
		"+1":                             "'+1", "-2+3": "'-2+3", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"زيارة": "زيارة", "": "", "a=b": "a=b",
	} {
		if got := cell(in); got != want {
			t.Errorf("cell(%q) = %q, want %q", in, got, want)
		}
	}
}
