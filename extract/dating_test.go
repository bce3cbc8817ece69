package extract

import (
	"testing"
	"time"

	"khatt/model"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// dateIs checks an event's value, precision and basis.
func dateIs(t *testing.T, e Event, value string, basis model.BasisKind) {
	t.Helper()
	if got := e.Date.String(); got != value {
		t.Errorf("date %s, want %s (%s)", got, value, describe([]Event{e}))
	}
	if basis >= 0 && e.Date.Basis.Kind != basis {
		t.Errorf("basis %v, want %v", e.Date.Basis.Kind, basis)
	}
}

// Undated events: the publication day with bounds a week back, assumed;
// a planned one on or after publication.
func TestUndatedEvents(t *testing.T) {
	v := one(t, article(t, "2025-03-01", "وصل وزير الخارجية الأردني أيمن الصفدي إلى دمشق في زيارة رسمية."), model.Visit)
	dateIs(t, v, "2025-03-01", model.Assumed)
	lo, hi := v.Date.Bounds()
	if !lo.Equal(day("2025-02-22")) || !hi.Equal(day("2025-03-01")) || v.Date.Modifier != model.Approx {
		t.Errorf("bounds %s..%s %v, want a week back, approximately", lo, hi, v.Date.Modifier)
	}
	p := one(t, article(t, "2025-03-01", "ومن المقرر أن يزور وزير الخارجية الأردني أيمن الصفدي دمشق."), model.Visit)
	if lo, _ := p.Date.Bounds(); lo.Before(day("2025-03-01")) || p.Date.Modifier != model.OnOrAfter {
		t.Errorf("planned: from %s %v, want on or after publication", lo, p.Date.Modifier)
	}
}

// Dates attach to the clause they stand in.
func TestDatesByClause(t *testing.T) {
	t.Run("the reporting verb's day is not the meeting's", func(t *testing.T) {
		evs := article(t, "2024-03-06", "نفى وزير الخارجية السعودي فيصل بن فرحان اليوم تقارير عن لقاء جمع ولي العهد برئيس الوزراء الإسرائيلي في نيوم الأحد الماضي.")
		s := one(t, evs, model.Statement)
		dateIs(t, s, "2024-03-06", model.Publication)
		m := one(t, evs, model.Talks)
		dateIs(t, m, "2024-03-03", -1)
		if m.Status != model.Disputed {
			t.Errorf("a denied meeting is disputed, got %s", m.Status)
		}
	})
	t.Run("a date after منذ bounds, it does not date", func(t *testing.T) {
		evs := article(t, "2024-03-06", "وهذه أول زيارة يقوم بها الرئيس الإيراني إلى العراق منذ انتخابه في أيار.")
		v := one(t, evs, model.Visit)
		if v.Date.String() == "2023-05" || v.Date.Precision == model.Month {
			t.Errorf("dated by the bound: %s", describe(evs))
		}
	})
	t.Run("the eve of a conference opening today", func(t *testing.T) {
		evs := article(t, "2024-03-06", "التقى وزير الخارجية المصري سامح شكري نظيره الأردني أيمن الصفدي عشية مؤتمر يفتتح اليوم في القاهرة.")
		m := only(evs, model.Talks)
		if len(m) == 0 {
			t.Fatalf("no meeting: %s", describe(evs))
		}
		if m[0].Date.Basis.Kind == model.Publication && m[0].Date.Expr == "اليوم" {
			t.Errorf("the meeting took the conference's day: %s", describe(evs))
		}
	})
	t.Run("a date in a relative clause is its noun's", func(t *testing.T) {
		evs := article(t, "2021-07-28", "وتأتي زيارة قاآني بعد المؤتمر الصحفي الذي عقد الاثنين بحضور الرئيس الأمريكي جو بايدن.\nووصل قاآني إلى بغداد مساء الثلاثاء.")
		dateIs(t, one(t, evs, model.Visit), "2021-07-27", -1)
	})
	t.Run("the outlet's name is no today", func(t *testing.T) {
		evs := article(t, "2024-03-06", "وقال وزير الخارجية المصري سامح شكري لصحيفة المصري اليوم إن المفاوضات مستمرة.")
		s := one(t, evs, model.Statement)
		if s.Date.Basis.Kind != model.Assumed {
			t.Errorf("«المصري اليوم» read as a date: %s", describe(evs))
		}
	})
	t.Run("the text's weekday beats the stamp", func(t *testing.T) {
		// Stamped Thursday; the text says «اليوم الأربعاء»: the day before.
		evs := article(t, "2024-03-07", "وصل وزير الخارجية الأمريكي أنتوني بلينكن إلى القاهرة اليوم الأربعاء.")
		dateIs(t, one(t, evs, model.Visit), "2024-03-06", -1)
	})
	t.Run("a speaker going on keeps the day", func(t *testing.T) {
		evs := article(t, "2021-07-28", "وأعلن الرئيس الأمريكي جو بايدن الاثنين انتهاء المهمة القتالية.\nوأوضح بايدن أن التعاون سيتواصل.")
		dateIs(t, one(t, evs, model.Statement), "2021-07-26", -1)
	})
}

// Dates placed against another event resolve against it.
func TestEventRelativeDates(t *testing.T) {
	t.Run("the day after a visit", func(t *testing.T) {
		evs := article(t, "2024-03-10", "وصل الرئيس التركي رجب طيب أردوغان إلى القاهرة يوم الأربعاء 6 مارس 2024.\nوبعد يوم من زيارة أردوغان، أكد وزير الخارجية المصري سامح شكري أن العلاقات تشهد انطلاقة جديدة.")
		s := one(t, evs, model.Statement)
		dateIs(t, s, "2024-03-07", model.EventRelative)
	})
	t.Run("during a visit", func(t *testing.T) {
		evs := article(t, "2024-03-10", "وصل الرئيس التركي رجب طيب أردوغان إلى القاهرة يوم الأربعاء 6 مارس 2024 في زيارة يلتقي خلالها الرئيس عبد الفتاح السيسي.")
		dateIs(t, one(t, evs, model.Talks), "2024-03-06", -1)
	})
	t.Run("days before a summit", func(t *testing.T) {
		evs := article(t, "2023-05-21", "وانعقدت القمة العربية في جدة يوم 19 مايو 2023.\nوقبل القمة بأيام، قال وزير الخارجية السعودي فيصل بن فرحان إن الرياض ترحب بعودة سوريا.")
		s := one(t, evs, model.Statement)
		lo, hi := s.Date.Bounds()
		if !hi.Before(day("2023-05-19")) || lo.Before(day("2023-05-10")) || s.Date.Modifier != model.Approx {
			t.Errorf("«قبل القمة بأيام»: %s..%s %v", lo, hi, s.Date.Modifier)
		}
	})
}

// Page furniture: a date line at the top of a stored page (the day it was
// saved) dates nothing in the story.
func TestFurnitureDate(t *testing.T) {
	evs := article(t, "2020-11-23", "الثلاثاء 26 تشرين ثاني/نوفمبر 2024\nنفى وزير الخارجية السعودي فيصل بن فرحان اليوم تقارير عن لقاء ولي العهد ونتنياهو.")
	s := one(t, evs, model.Statement)
	dateIs(t, s, "2020-11-23", model.Publication)
}

// TestStatementNotDatedByItsContent: a reported statement is not dated by
// a later time its words speak of («خلال الأشهر المقبلة»), which would put
// it after the article that reports it.
func TestStatementNotDatedByItsContent(t *testing.T) {
	evs := article(t, "2023-03-12", "من جهته، أكد وزير الخارجية الأردني أيمن الصفدي أن الأردن يقف إلى جانب العراق في جهوده، مشيراً إلى أن التنسيق بين البلدين سيتواصل خلال الأشهر المقبلة.")
	n := 0
	for _, e := range evs {
		if e.Type != model.Statement {
			continue
		}
		n++
		if lo, _ := e.Date.Bounds(); lo.After(day("2023-03-12")) {
			t.Errorf("a statement is dated %s, after its publication: %s", e.Date, describe([]Event{e}))
		}
	}
	if n == 0 {
		t.Fatal("no statement")
	}
}

// An undated event goes on the day of the story it continues: the talks
// after an arrival, sharing a leader, are that day; an event told as
// earlier («وكان … قد») keeps the publication day assumed.
func TestStoryDay(t *testing.T) {
	text := "وصل الرئيس الفرنسي إيمانويل ماكرون يوم الأحد إلى الرياض في زيارة رسمية.\n" +
		"وكان في استقباله في مطار الملك خالد ولي العهد السعودي الأمير محمد بن سلمان.\n" +
		"وعقد الزعيمان جلسة مباحثات موسعة تناولت الأوضاع في المنطقة.\n" +
		"وكان الرئيس الفرنسي قد التقى ولي العهد السعودي في باريس."
	evs := article(t, "2025-01-15", text)
	v := one(t, evs, model.Visit)
	dateIs(t, v, "2025-01-12", model.Publication)
	if !has(names(v), "ماكرون") || len(v.Actors) != 1 {
		t.Errorf("the visit is the guest's alone: %s", describe([]Event{v}))
	}
	talks := only(evs, model.Talks)
	story, earlier := firstTold(t, talks, "الزعيمان"), firstTold(t, talks, "قد التقى")
	dateIs(t, story, "2025-01-12", model.Context)
	if n := names(story); len(n) != 2 || !has(n, "ماكرون") || !has(n, "محمد بن سلمان") {
		t.Errorf("«الزعيمان» are the guest and the host: %v", n)
	}
	dateIs(t, earlier, "2025-01-15", model.Assumed)
}

// What had happened stays apart from what is to happen: «وكان الوزيران
// قد التقيا … يوم 12 مارس الماضي» is last year's meeting of the pair, not
// the talks planned; a statement «لدى وصوله» is of the arrival's day.
func TestHadMet(t *testing.T) {
	text := "وصل وزير الخارجية المغربي ناصر بوريطة مساء الاثنين إلى نواكشوط في زيارة عمل.\n" +
		"وسيجري بوريطة مباحثات مع الرئيس الموريتاني محمد ولد الغزواني.\n" +
		"وأكد بوريطة لدى وصوله أن العلاقات بين البلدين متينة.\n" +
		"وكان الرجلان قد التقيا في الرباط يوم 12 مارس الماضي."
	evs := article(t, "2024-03-06", text)
	talks := only(evs, model.Talks)
	had := firstTold(t, talks, "قد التقيا")
	if len(talks) != 2 || had.Status != model.Reported || len(withStatus(talks, model.Planned)) != 1 {
		t.Fatalf("want the planned talks and the earlier meeting apart: %s", describe(evs))
	}
	dateIs(t, had, "2023-03-12", -1)
	if n := names(had); len(n) != 2 {
		t.Errorf("«الرجلان» are two: %v", n)
	}
	dateIs(t, one(t, evs, model.Statement), "2024-03-04", model.EventRelative)
}

// «ويأتي اللقاء بعد نحو عشرة أشهر من زيارة قام بها الأسد إلى الصين»: the
// visit is dated back from the meeting, not to the story's day, and its
// place is no venue of the meeting; «واستقبله ولي العهد» receives the
// visitor just named.
func TestDatedBack(t *testing.T) {
	text := "استقبل الرئيس الروسي فلاديمير بوتين نظيره السوري بشار الأسد في الكرملين مساء الأربعاء.\n" +
		"ويأتي اللقاء بعد نحو عشرة أشهر من زيارة قام بها الأسد إلى الصين."
	evs := article(t, "2024-07-25", text)
	v := one(t, evs, model.Visit)
	if lo, hi := v.Date.Bounds(); !lo.After(day("2023-07-01")) || !hi.Before(day("2024-01-01")) || v.Date.Basis.Kind != model.EventRelative {
		t.Errorf("the China visit: %s (%v)", describe([]Event{v}), v.Date.Basis.Kind)
	}
	if tk := one(t, evs, model.Talks); tk.Place == nil || tk.Place.Name != "الكرملين" {
		t.Errorf("the meeting: %s", describe([]Event{tk}))
	}
	text = "وصل وزير الخارجية الإيراني عباس عراقجي إلى الرياض يوم الأربعاء.\n" +
		"واستقبله ولي العهد السعودي الأمير محمد بن سلمان، وبحث معه التطورات الإقليمية."
	tk := one(t, article(t, "2024-10-10", text), model.Talks)
	if n := names(tk); len(n) != 2 || !has(n, "عراقجي") || tk.Date.String() != "2024-10-09" {
		t.Errorf("the reception: %s", describe([]Event{tk}))
	}
}

// Talks the visitor holds next are held where he went: «وصل البرهان إلى
// العلمين … وعقد البرهان جلسة مباحثات مع السيسي».
func TestStoryPlace(t *testing.T) {
	text := "وصل رئيس مجلس السيادة السوداني عبد الفتاح البرهان إلى مدينة العلمين المصرية، الثلاثاء، في زيارة رسمية.\n" +
		"وعقد البرهان جلسة مباحثات مع الرئيس المصري عبد الفتاح السيسي تناولت تطورات الأوضاع."
	tk := one(t, article(t, "2023-08-29", text), model.Talks)
	if tk.Place == nil || tk.Place.Name != "العلمين" {
		t.Errorf("where: %s", describe([]Event{tk}))
	}
}

// A plan goes on as a story does: the meetings planned in the sentence
// after a planned visit are of its week and its city.
func TestPlannedStory(t *testing.T) {
	text := "يزور وزير الخارجية الفرنسي ستيفان سيجورنيه بيروت الأسبوع المقبل.\n" +
		"ومن المنتظر أن يلتقي سيجورنيه رئيس حكومة تصريف الأعمال نجيب ميقاتي."
	evs := article(t, "2024-01-30", text)
	v, tk := one(t, evs, model.Visit), one(t, evs, model.Talks)
	if tk.Status != model.Planned || tk.Place == nil || tk.Place.Name != "بيروت" || tk.Date.String() != v.Date.String() {
		t.Errorf("the planned meeting: %s (visit %s)", describe([]Event{tk}), v.Date)
	}
}
