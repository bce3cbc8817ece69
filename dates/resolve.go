package dates

import (
	"time"

	"khatt/model"
)

// civil is a calendar day (year, month, day) that may lack parts.
type civil struct {
	y, m, d int
}

func validDay(y, m, d int) bool {
	if y < 1000 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Day() == d
}

func dayTime(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// resolved marks a date as derived from the publication date.
func (a Anchor) resolved(d model.Date) model.Date {
	d.Basis = model.Basis{Kind: model.Publication, Source: a.Source, Anchor: a.Pub}
	return d
}

// relative records an expression that cannot be resolved without a
// publication date: it stays as written, of unknown precision.
func relative() model.Date {
	return model.Date{Basis: model.Basis{Kind: model.Relative}}
}

// weekdayPast is the latest day with weekday wd on or before pub (strictly
// before when strict: «السبت الماضي» on a Saturday is a week ago).
func weekdayPast(pub time.Time, wd int, strict bool) time.Time {
	back := (int(pub.Weekday()) - wd + 7) % 7
	if back == 0 && strict {
		back = 7
	}
	return pub.AddDate(0, 0, -back)
}

// weekdayNext is the first day with weekday wd on or after pub (strictly
// after when strict: «الخميس المقبل»).
func weekdayNext(pub time.Time, wd int, strict bool) time.Time {
	fwd := (wd - int(pub.Weekday()) + 7) % 7
	if fwd == 0 && strict {
		fwd = 7
	}
	return pub.AddDate(0, 0, fwd)
}

// nearestWeekday is the day with weekday wd nearest to t (ties go back).
func nearestWeekday(t time.Time, wd int) time.Time {
	back := (int(t.Weekday()) - wd + 7) % 7
	if back <= 3 {
		return t.AddDate(0, 0, -back)
	}
	return t.AddDate(0, 0, 7-back)
}

// yearFor picks the year of a day and month written without one: the
// occurrence nearest to publication, or in the past (future) reading the
// latest on or before (the first on or after) publication.
func yearFor(pub time.Time, m, d int, reading int) int {
	y := pub.Year()
	monthOnly := d == 0 // «يوليو الماضي» may be this month; «12 يوليو الماضي» is before publication
	if d == 0 {
		d = 1
	}
	cands := []int{y - 1, y, y + 1}
	best, bestDist := y, time.Duration(1<<62)
	for _, c := range cands {
		if !validDay(c, m, max(1, min(d, 28))) {
			continue
		}
		t := dayTime(c, m, min(d, 28))
		switch {
		case reading < 0 && t.After(pub) && !(monthOnly && t.Year() == pub.Year() && t.Month() == pub.Month()):
			continue
		case reading > 0 && t.Before(pub) && !(monthOnly && t.Year() == pub.Year() && t.Month() == pub.Month()):
			continue
		}
		dist := t.Sub(pub)
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = c, dist
		}
	}
	return best
}

// spanDate is a date whose value is the span from..to, with exact bounds.
func spanDate(from, to time.Time) model.Date {
	return model.Span(from, to)
}

// approxDay is a day-precision value with wider bounds: «قبل أيام» is
// about pub-lo … pub-hi; the value is the latest day the words allow.
func approxDay(value, lo, hi time.Time) model.Date {
	d := model.DayOf(value.Date())
	d.Earliest, d.Latest = lo, hi
	d.Modifier = model.Approx
	return d
}
