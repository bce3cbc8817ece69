package timeline

import (
	"fmt"
	"strconv"
	"strings"

	"khatt/lexicon"
	"khatt/model"
)

// Filter restricts the timeline: by type, actor, place, source and date
// range. The zero Filter lets everything through.
type Filter struct {
	Types        []model.EventType
	Actor, Place string // folded
	// ActorText and PlaceText are Actor and Place as typed, to show.
	ActorText, PlaceText string
	Source               string // a source ID or its prefix
	Since, Until         model.Date
	Query                string // as typed; matched folded against SearchText
	// MinConfidence drops events the extractor is less sure of (0 to 1).
	MinConfidence float64
	// Lexicon gives the Latin forms of known names to Query (Kadhimi
	// finds الكاظمي); nil: the embedded one.
	Lexicon *lexicon.Lexicon
}

// DefaultMinConfidence is the threshold that gives the best F1 on the
// development set, the seeds and the held-out articles together (README,
// "Confidence").
const DefaultMinConfidence = 0.3

// Empty reports whether the filter lets everything through.
func (f Filter) Empty() bool {
	return len(f.Types) == 0 && f.Actor == "" && f.Place == "" && f.Source == "" && !f.Since.Known() && !f.Until.Known() && f.Query == "" &&
		f.MinConfidence <= 0
}

// Match reports whether an event passes. Its folded text is made only for
// a query.
func (f Filter) Match(e *model.Event) bool {
	folded := ""
	if f.Query != "" {
		folded = SearchText(e, f.Lexicon)
	}
	return f.MatchFolded(e, folded)
}

// SearchText is an event's text for search and --query, folded: summary,
// actors (with the Latin forms the lexicon knows of them), place and every
// reporting sentence.
func SearchText(e *model.Event, lx *lexicon.Lexicon) string {
	if lx == nil {
		lx = lexicon.Default()
	}
	var b strings.Builder
	b.WriteString(e.Summary)
	latin := func(name string) {
		if k := lx.Entity(name); k != nil {
			for _, l := range k.Latin {
				b.WriteString(" " + l)
			}
		}
	}
	for _, a := range e.Actors {
		b.WriteString(" " + a.Name)
		latin(a.Name)
	}
	b.WriteString(" " + e.Place)
	if e.Place != "" {
		latin(e.Place)
	}
	for _, m := range e.Mentions {
		b.WriteString(" " + m.Sentence)
	}
	return " " + Fold(b.String()) + " "
}

// MatchFolded is Match with the event's SearchText already made.
func (f Filter) MatchFolded(e *model.Event, folded string) bool {
	if e.Confidence < f.MinConfidence {
		return false
	}
	if f.Query != "" && !strings.Contains(folded, Fold(f.Query)) {
		return false
	}
	if len(f.Types) > 0 {
		ok := false
		for _, t := range f.Types {
			ok = ok || e.Type == t
		}
		if !ok {
			return false
		}
	}
	if f.Actor != "" {
		ok := false
		for _, a := range e.Actors {
			ok = ok || strings.Contains(Fold(a.Name), f.Actor)
		}
		if !ok {
			return false
		}
	}
	if f.Place != "" && !strings.Contains(Fold(e.Place), f.Place) {
		return false
	}
	if f.Source != "" {
		ok := false
		for _, m := range e.Mentions {
			ok = ok || strings.HasPrefix(m.Source, f.Source)
		}
		if !ok {
			return false
		}
	}
	if f.Since.Known() && (!e.Date.Known() || e.Date.End.Before(f.Since.Start)) {
		return false
	}
	if f.Until.Known() && (!e.Date.Known() || e.Date.Start.After(f.Until.End)) {
		return false
	}
	return true
}

// ParseFilter reads "type:visit actor:قاآني place:بغداد source:002
// since:2021-01 until:2021-12 query:…" (Arabic keys نوع فاعل مكان مصدر من
// إلى بحث work too; _ stands for a space in a value).
func ParseFilter(s string) (Filter, error) {
	var f Filter
	var words []string
	bad := func(k, v, want string, err error) (Filter, error) {
		return f, &FilterError{Key: k, Value: v, Want: want, Err: err}
	}
	for _, field := range strings.Fields(s) {
		k, v, ok := strings.Cut(field, ":")
		if !ok || v == "" || k == "" {
			// A bare word is searched for, as in a search engine's box.
			words = append(words, strings.ReplaceAll(field, "_", " "))
			continue
		}
		shown := strings.ReplaceAll(v, "_", " ")
		switch k {
		case "type", "نوع":
			for _, t := range strings.Split(v, ",") {
				et, err := ParseType(t)
				if err != nil {
					return bad(k, t, "type", err)
				}
				f.Types = append(f.Types, et)
			}
		case "actor", "فاعل":
			f.Actor, f.ActorText = Fold(shown), shown
		case "place", "مكان":
			f.Place, f.PlaceText = Fold(shown), shown
		case "query", "بحث":
			words = append(words, shown)
		case "source", "مصدر":
			f.Source = v
		case "since", "من", "until", "إلى", "الى":
			d, err := model.ParseDate(v)
			if err != nil {
				return bad(k, v, "date", err)
			}
			if k == "since" || k == "من" {
				f.Since = d
			} else {
				f.Until = d
			}
		case "confidence", "ثقة":
			c, err := ParseConfidence(v)
			if err != nil {
				return bad(k, v, "confidence", err)
			}
			f.MinConfidence = c
		default:
			return bad(k, v, "", nil)
		}
	}
	f.Query = strings.Join(words, " ")
	return f, nil
}

// FilterError is a filter line's mistake: an unknown key (Err nil) or a
// value its key cannot take (Want: "type", "date" or "confidence").
type FilterError struct {
	Key, Value, Want string
	Err              error
}

func (e *FilterError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("unknown filter %q (want type, actor, place, source, since, until, confidence or query)", e.Key)
	}
	return fmt.Sprintf("%s:%s: %v", e.Key, e.Value, e.Err)
}

func (e *FilterError) Unwrap() error { return e.Err }

// ParseConfidence reads a threshold as a fraction (0.4) or a percentage
// (40%).
func ParseConfidence(s string) (float64, error) {
	v, pct := strings.CutSuffix(strings.TrimSpace(s), "%")
	c, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return 0, fmt.Errorf("confidence %q: want a number from 0 to 1 (or 0%% to 100%%)", s)
	}
	if pct || c > 1 {
		c /= 100
	}
	if c < 0 || c > 1 {
		return 0, fmt.Errorf("confidence %q: want a number from 0 to 1 (or 0%% to 100%%)", s)
	}
	return c, nil
}

// ParseType reads an event type in English or Arabic.
func ParseType(s string) (model.EventType, error) {
	for t, name := range map[model.EventType]string{model.Visit: "زيارة", model.Talks: "محادثات", model.Statement: "تصريح"} {
		if s == name {
			return t, nil
		}
	}
	return model.ParseEventType(s)
}

// Apply returns the events of a timeline that pass the filter, in order.
func (f Filter) Apply(events []model.Event) []model.Event {
	if f.Empty() {
		return events
	}
	keep := make([]bool, len(events))
	n := 0
	for i := range events {
		if keep[i] = f.Match(&events[i]); keep[i] {
			n++
		}
	}
	if n == len(events) {
		return events
	}
	// Copied a run of kept events at a time: most are kept, and an event
	// is some 400 bytes.
	out := make([]model.Event, 0, n)
	for i := 0; i < len(events); {
		j := i
		for j < len(events) && keep[j] {
			j++
		}
		out = append(out, events[i:j]...)
		for j < len(events) && !keep[j] {
			j++
		}
		i = j
	}
	return out
}
