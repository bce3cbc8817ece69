package dates

import (
	"testing"
	"time"

	"khatt/arabic"
	"khatt/lexicon"
	"khatt/model"
)

var tagger = NewTagger(lexicon.Default())

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// tag returns the expressions of text published on pub.
func tag(text, pub string) []Expr {
	toks := arabic.Tokenize(nil, text, 0, len(text), nil)
	a := Anchor{Source: "t"}
	if pub != "" {
		a.Pub = day(pub)
	}
	return tagger.Tag(toks, a, nil)
}

func TestExpressions(t *testing.T) {
	// 2024-03-06 is a Wednesday.
	const pub = "2024-03-06"
	for _, c := range []struct {
		text, want, prec string
	}{
		// Written in full, in every family and format.
		{"وصل الوزير يوم 26 يوليو 2021 إلى المدينة", "2021-07-26", "day"},
		{"في 12 تموز/يوليو 2023", "2023-07-12", "day"},
		{"الخميس 28 يناير كانون الثاني 2021", "2021-01-28", "day"},
		{"الاثنين 3 جويلية 2023", "2023-07-03", "day"},
		{"غادر يوم 4 فيفري 2022", "2022-02-04", "day"},
		{"يوم 9 أوت 2021", "2021-08-09", "day"},
		{"بتاريخ 18-08-2020", "2020-08-18", "day"},
		{"صدر في 5/9/2020", "2020-09-05", "day"},
		{"صدر في 11/23/ 2021", "2021-11-23", "day"},
		{"Saturday 14 March 2020", "2020-03-14", "day"},
		{"نشر في 14th, March 2024", "2024-03-14", "day"},
		{"March 3, 2024 كتب", "2024-03-03", "day"},
		{"التقيا في 15 ذي الحجة 1442 هـ", "2021-07-25", "day"},
		{"عقد في الرابع من فبراير", "2024-02-04", "day"},
		{"من الـ 10 إلى الـ 12 مارس", "2024-03-10", "day"},
		{"يومي 2 و3 مارس", "2024-03-02", "day"},
		{"في أغسطس 2019", "2019-08", "month"},
		{"في مارس ومايو 2019", "2019", "year"},
		{"مطلع سبتمبر 2022", "2022-09", "month"},
		{"في عام 2018", "2018", "year"},
		// Relative to publication.
		{"اليوم الأربعاء", pub, "day"},
		{"أمس الثلاثاء", "2024-03-05", "day"},
		{"أول من أمس", "2024-03-04", "day"},
		{"أمس الأول", "2024-03-04", "day"},
		{"ليلة أمس", "2024-03-05", "day"},
		{"الليلة الماضية", "2024-03-05", "day"},
		{"غدا الخميس", "2024-03-07", "day"},
		{"يوم غد", "2024-03-07", "day"},
		{"صباح اليوم", pub, "day"},
		{"بعد ظهر اليوم", pub, "day"},
		{"يوم الاثنين الماضي", "2024-03-04", "day"},
		{"الأحد", "2024-03-03", "day"},
		{"الخميس المقبل", "2024-03-07", "day"},
		{"قبل يومين", "2024-03-04", "day"},
		{"قبل 3 أيام", "2024-03-03", "day"},
		{"قبل أيام", "2024-03-04", "day"},
		{"في فبراير الماضي", "2024-02", "month"},
		{"في مارس", "2024-03", "month"},
		{"في أيار المقبل", "2024-05", "month"},
		{"العام الماضي", "2023", "year"},
		{"الشهر الجاري", "2024-03", "month"},
		{"في الثاني من الشهر الجاري", "2024-03-02", "day"},
		{"يوم 12 مارس الماضي", "2023-03-12", "day"},
		{"وفي 2024/02/10، التقى الوزير", "2024-02-10", "day"},
		{"وفي ٢٠٢٤/٠٢/١٠ التقى الوزير", "2024-02-10", "day"},
		{"يوم 2 مارس الماضي", "2024-03-02", "day"},
		{"في 4 مارس المقبل", "2025-03-04", "day"},
		{"في 20 مارس المقبل", "2024-03-20", "day"},
		{"في العشرين من الشهر الماضي", "2024-02-20", "day"},
		{"في 15 من الشهر المقبل", "2024-04-15", "day"},
		{"مؤخرا", pub, "day"},
		{"في وقت سابق اليوم", pub, "day"},
		// Conflicts inside one expression: today and its weekday outvote a slip.
		{"اليوم، الأربعاء، الموافق الثاني من مارس", pub, "day"},
		{"اليوم الأربعاء 220 مارس 2024", pub, "day"},
	} {
		es := tag(c.text, pub)
		if len(es) == 0 {
			t.Errorf("%s: no expression", c.text)
			continue
		}
		d := es[0].Date
		if d.String() != c.want || d.Precision.String() != c.prec {
			t.Errorf("%s: got %s (%s), want %s (%s)", c.text, d.String(), d.Precision, c.want, c.prec)
		}
	}
}

func TestHijriBesideGregorian(t *testing.T) {
	es := tag("غادر اليوم الاثنين 26 / 5 / 1447هـ الموافق 17 / 11 / 2025م متوجها", "2025-11-17")
	if len(es) != 1 || es[0].Date.String() != "2025-11-17" || es[0].Hijri == "" || es[0].Calendar != nil {
		t.Fatalf("got %+v", es)
	}
	es = tag("في 1 / 1 / 1447هـ الموافق 1 / 1 / 2025م", "2025-11-17")
	if len(es) != 1 || es[0].Calendar == nil || es[0].Date.String() != "2025-01-01" {
		t.Fatalf("a disagreement must be recorded: %+v", es)
	}
}

func TestFutureReadings(t *testing.T) {
	es := tag("يوم الخميس", "2024-03-06")
	if len(es) != 1 || es[0].Future == nil || es[0].Resolved(true).String() != "2024-03-07" || es[0].Resolved(false).String() != "2024-02-29" {
		t.Fatalf("got %+v", es)
	}
}

func TestTraps(t *testing.T) {
	for _, text := range []string{
		"نقلت صحيفة المصري اليوم الخبر",
		"في اليوم التالي",
		"منذ ذلك اليوم",
		"الدورة 41 للمجلس",
		"مارس الرئيس ضغوطا",
	} {
		toks := arabic.Tokenize(nil, text, 0, len(text), nil)
		masked := make([]bool, len(toks))
		if toks[1].Norm == "المصري" {
			masked[1], masked[2] = true, true
		}
		for _, e := range tagger.Tag(toks, Anchor{Pub: day("2024-03-06")}, masked) {
			if e.Kind == Deictic || e.Kind == Absolute {
				t.Errorf("%s: %+v is no date", text, e.Date)
			}
		}
	}
}

func TestEventLinked(t *testing.T) {
	es := tag("وقبل الزيارة بأيام، وصف الرئيس", "2024-03-06")
	if len(es) != 1 || es[0].Kind != EventLinked || es[0].Rel != BeforeIt || es[0].MinDays != 2 {
		t.Fatalf("got %+v", es)
	}
	es = tag("بعد يوم من زيارة الوزير", "2024-03-06")
	if len(es) != 1 || es[0].Rel != AfterIt || es[0].MinDays != 1 || es[0].MaxDays != 1 {
		t.Fatalf("got %+v", es)
	}
	es = tag("خلال الزيارة", "2024-03-06")
	if len(es) != 1 || es[0].Rel != During {
		t.Fatalf("got %+v", es)
	}
}

func TestBounds(t *testing.T) {
	es := tag("منذ عام 2011", "2024-03-06")
	if len(es) != 1 || !es[0].Bound {
		t.Fatalf("got %+v", es)
	}
	es = tag("منذ يومين", "2024-03-06")
	if len(es) != 1 || es[0].Bound || es[0].Date.String() != "2024-03-04" {
		t.Fatalf("got %+v", es)
	}
	_ = model.Day
}

// Parts of a period, and the modifier and bounds they give: a third of it,
// by days.
func TestPeriodParts(t *testing.T) {
	cases := []struct {
		text, value string
		mod         model.Modifier
		lo, hi      string
	}{
		{"أواخر الشهر الماضي", "2024-02", model.EndOf, "2024-02-19", "2024-02-29"},
		{"مطلع الشهر الجاري", "2024-03", model.StartOf, "2024-03-01", "2024-03-11"},
		{"منتصف العام المقبل", "2025", model.MidOf, "2025-05-02", "2025-08-31"},
		{"أواخر أغسطس 2023", "2023-08", model.EndOf, "2023-08-21", "2023-08-31"},
	}
	for _, c := range cases {
		es := tag(c.text, "2024-03-06")
		if len(es) != 1 {
			t.Errorf("%s: %d expressions", c.text, len(es))
			continue
		}
		d := es[0].Date
		lo, hi := d.Bounds()
		if d.String() != c.value || d.Modifier != c.mod || lo.Format("2006-01-02") != c.lo || hi.Format("2006-01-02") != c.hi {
			t.Errorf("%s: %s %v %s..%s, want %s %v %s..%s", c.text, d, d.Modifier, lo.Format("2006-01-02"), hi.Format("2006-01-02"),
				c.value, c.mod, c.lo, c.hi)
		}
	}
}

// Dates placed against another event: the relation and how far.
func TestEventLinkedClasses(t *testing.T) {
	cases := []struct {
		text     string
		rel      Relation
		min, max int
		pronoun  bool
	}{
		{"عقب المحادثات", AfterIt, 0, 2, false},
		{"قبيل القمة", BeforeIt, 0, 2, false},
		{"عشية الزيارة", EveOf, 1, 1, false},
		{"بعد يومين من الاجتماع", AfterIt, 2, 2, false},
		{"على هامش القمة", During, 0, 0, false},
		{"في إطار زيارته", During, 0, 0, false},
		{"يلتقي خلالها", During, 0, 0, true},
		{"يلتقي أثناءه", During, 0, 0, true}, // the longest during-word, with a pronoun
		{"يلتقيان إبانهما", During, 0, 0, true},
		{"عشية مؤتمر يفتتح", EveOf, 1, 1, false},
	}
	for _, c := range cases {
		var got *Expr
		for _, e := range tag(c.text, "2024-03-06") {
			if e.Kind == EventLinked {
				e := e
				got = &e
			}
		}
		if got == nil {
			t.Errorf("%s: not linked to an event", c.text)
			continue
		}
		if got.Rel != c.rel || got.MinDays != c.min || got.MaxDays != c.max || (got.Noun < 0) != c.pronoun {
			t.Errorf("%s: %+v", c.text, *got)
		}
	}
}

// The publication stamp and the text's own day.
func TestReconcileStamp(t *testing.T) {
	text := "وصل الوزير اليوم الأربعاء إلى العاصمة."
	sents := arabic.Segment(text, 0, nil)
	pub, moved := tagger.Reconcile(day("2024-03-07"), sents, nil)
	if got := pub.Format("2006-01-02"); got != "2024-03-06" || !moved {
		t.Errorf("a Thursday stamp with «اليوم الأربعاء» in the text: anchor %s, want the Wednesday", got)
	}
	if pub, moved := tagger.Reconcile(day("2024-03-06"), sents, nil); moved || !pub.Equal(day("2024-03-06")) {
		t.Errorf("a stamp the text agrees with moved to %s", pub)
	}
}

// A count of a unit before «من» and an event: «بعد نحو عشرة أشهر من زيارة».
func TestCountedLink(t *testing.T) {
	es := tag("ويأتي اللقاء بعد نحو عشرة أشهر من زيارة", "2024-07-25")
	if len(es) != 1 || es[0].Kind != EventLinked || es[0].Rel != AfterIt || es[0].MinDays != 240 || es[0].MaxDays != 360 {
		t.Fatalf("got %+v", es)
	}
}
