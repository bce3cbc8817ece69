// Package model holds khatt's plain data: sources, events, their mentions in
// the sources, the actors involved, dates with their precision, and the
// conflicts between sources. It knows nothing about files or terminals.
package model

import "fmt"

// EventType is what kind of event an entry records.
type EventType int

// The event types khatt extracts.
const (
	Visit EventType = iota
	Talks
	Statement
)

// EventTypes lists every event type in display order.
var EventTypes = []EventType{Visit, Talks, Statement}

// String returns the type's stable English name, used in exports.
func (t EventType) String() string {
	switch t {
	case Visit:
		return "visit"
	case Talks:
		return "talks"
	case Statement:
		return "statement"
	}
	return fmt.Sprintf("type(%d)", int(t))
}

// ParseEventType is the inverse of EventType.String.
func ParseEventType(s string) (EventType, error) {
	for _, t := range EventTypes {
		if t.String() == s {
			return t, nil
		}
	}
	return 0, fmt.Errorf("unknown event type %q (want visit, talks or statement)", s)
}

// ActorKind classifies a named actor or place.
type ActorKind string

// Kinds of actors known to the gazetteer or discovered in text.
const (
	Person       ActorKind = "person"
	Organisation ActorKind = "organisation"
	Country      ActorKind = "country"
	Place        ActorKind = "place"
	Media        ActorKind = "media"
)

// Actor is a named participant of an event, under its canonical name.
type Actor struct {
	Name string    `json:"name"`
	Kind ActorKind `json:"kind"`
}

// Source is one loaded article.
type Source struct {
	ID        string            // file name without extension
	Path      string            // path as given (or inside the embedded corpus)
	Title     string            // from front matter, metadata, or the first line
	Outlet    string            // publishing outlet, may be empty
	URL       string            // may be empty
	Published Date              // day precision when known, else unknown
	Lang      string            // language tag, "ar" by default
	Extra     map[string]string // unknown front-matter keys, kept verbatim
	Text      string            // the whole file as read (BOM removed); offsets index it; "" until read (see Timeline.SourceText)
	BodyStart int               // byte offset where the article body starts (after front matter)
	Hash      string            // SHA-256 of the file's bytes and of the metadata given for it, hex
}

// Mention is one clause of one source that reports an event: the clause
// with its subject, as byte offsets into the source's text.
type Mention struct {
	Source   string // Source.ID
	Sentence string // Source.Text[Start:End]: the clause that reports the event
	Start    int    // byte offset into Source.Text
	End      int
	Trigger  string // the words that signalled the event, as written
	Place    string // the place this mention gives, canonical name
	Number   string // an ordinal or count stated with the event ("الرابعة")
	Status   Status // what this mention says of the event
	// Attribution is on whose word the mention reports the event: "" (the
	// outlet's own), "named", "institution", "unnamed" or "media".
	Attribution string
	Speaker     string // the named speaker or institution, when there is one
}

// Status says whether an event took place, as its sources tell it.
type Status int

// Statuses.
const (
	Reported Status = iota // reported as having happened (or happening)
	Planned                // every mention is future or intention
	Disputed               // the sources themselves deny it
)

// String returns the status's export name.
func (s Status) String() string {
	switch s {
	case Planned:
		return "planned"
	case Disputed:
		return "disputed"
	}
	return "reported"
}

// Side is one side of a conflict: a value and the mention that states it.
type Side struct {
	Value   string  `json:"value"`
	Mention Mention `json:"mention"`
}

// Conflict records two mentions of one event that disagree on a field.
type Conflict struct {
	Field string `json:"field"` // "time of day", "place", "date", "number", "calendar"
	A     Side   `json:"a"`
	B     Side   `json:"b"`
}

// Event is one entry of the timeline.
type Event struct {
	ID      string
	Type    EventType
	Date    Date
	Actors  []Actor
	Place   string
	Summary string
	Status  Status
	// Confidence is how sure the extractor is that this is a real event,
	// from 0 to 1 (see the README for what raises and lowers it).
	Confidence float64
	Mentions   []Mention
	Conflicts  []Conflict
}

// SourceCount is the number of distinct sources that report the event (its
// mentions may quote several sentences of one).
func (e *Event) SourceCount() int {
	seen := map[string]bool{}
	for _, m := range e.Mentions {
		seen[m.Source] = true
	}
	return len(seen)
}

// Planned reports whether every mention of the event is future or intention.
func (e *Event) Planned() bool { return e.Status == Planned }

// Timeline is the loaded corpus and the events extracted from it, in
// chronological order.
type Timeline struct {
	Sources  []Source
	Events   []Event
	Problems []error // articles that could not be read, each naming its file
	// ReadText reads a source's text when it was not kept (see SourceText).
	ReadText func(src *Source) (string, error)
	index    map[string]int
}

// SourceText returns a source's text: the one kept, else the file read
// again (its hash checked against the one read at load).
func (t *Timeline) SourceText(src *Source) (string, error) {
	if src.Text != "" || t.ReadText == nil {
		return src.Text, nil
	}
	return t.ReadText(src)
}

// Source returns the source with the given ID, or nil. Timelines built by
// the timeline package index their sources; others are searched.
func (t *Timeline) Source(id string) *Source {
	if t.index != nil {
		if i, ok := t.index[id]; ok && i < len(t.Sources) && t.Sources[i].ID == id {
			return &t.Sources[i]
		}
	}
	for i := range t.Sources {
		if t.Sources[i].ID == id {
			return &t.Sources[i]
		}
	}
	return nil
}

// Index builds the lookup table Source uses. Call it again after changing
// Sources.
func (t *Timeline) Index() {
	t.index = make(map[string]int, len(t.Sources))
	for i := range t.Sources {
		t.index[t.Sources[i].ID] = i
	}
}
