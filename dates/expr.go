// Package dates is the third stage of khatt's extractor: it finds time
// expressions in a sentence's tokens and resolves them against the
// article's publication date, in the spirit of HeidelTime's news mode. The
// words live in the lexicon's calendar file; this package holds the rules.
// Expressions that lean on another event («قبل الزيارة بأيام», «خلال
// القمة») are tagged with the event noun they name; the extractor, which
// knows the events, resolves them.
package dates

import (
	"time"

	"khatt/model"
)

// Anchor is what relative expressions resolve against.
type Anchor struct {
	Pub    time.Time // publication day; zero when unknown
	Source string    // source ID, for the resolution note
}

// Known reports whether the publication day is known.
func (a Anchor) Known() bool { return !a.Pub.IsZero() }

// Kind says what an expression is.
type Kind uint8

// Kinds of expression.
const (
	Absolute    Kind = iota // a full date, or a month or year written out
	Deictic                 // today, yesterday, tomorrow, a weekday: relative to publication
	Period                  // a week, month or year relative to publication, or part of one
	Ago                     // «قبل يومين», «منذ سنة»
	Recent                  // «مؤخرا», «في وقت سابق»
	EventLinked             // «قبل الزيارة بأيام», «خلال القمة»: relative to another event
)

// Relation is how an event-linked expression places its event against
// the event it names.
type Relation uint8

// Relations.
const (
	During   Relation = iota // خلال، أثناء، على هامش
	BeforeIt                 // قبل، قبيل
	AfterIt                  // بعد، عقب، إثر، غداة
	EveOf                    // عشية: the day before
)

// Expr is a time expression in a sentence: tokens [From, To).
type Expr struct {
	From, To int
	Kind     Kind
	// Date is the expression resolved for an event that happened (a bare
	// weekday is the latest on or before publication); Future is the
	// reading for a planned one (the next such day), when it differs.
	Date   model.Date
	Future *model.Date
	// Bound marks an expression after منذ, بحلول or حتى: it bounds the
	// event rather than dating it.
	Bound bool
	// Weekday named in the expression (-1 when none), kept to check an
	// explicit date against it.
	Weekday int
	// Calendar is set when a Hijri date and the Gregorian one written
	// beside it («الموافق») disagree: the Hijri side, converted.
	Calendar *model.Date
	Hijri    string // the Hijri date as written, when there was one
	// For EventLinked: the relation, the token of the event noun, and how
	// many days separate the two events at least and at most.
	Rel          Relation
	Noun         int
	MinDays      int
	MaxDays      int
	TimeOfDay    string
	Conflicting  bool // the expression contradicts itself (a weekday against a written date)
	Publication  bool // resolved from the publication date (today, a weekday …)
	approxDays   int
	explicitDays bool
}

// Resolved returns the date for an event of the given tense.
func (e *Expr) Resolved(planned bool) model.Date {
	if planned && e.Future != nil {
		return *e.Future
	}
	return e.Date
}
