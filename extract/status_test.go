package extract

import (
	"strings"
	"testing"

	"khatt/model"
)

// Speech has a construction, whatever its verb: a named speaker, a verb,
// and what was said.
func TestSpeechVerbs(t *testing.T) {
	for _, verb := range []string{"اعتبر", "علّق", "ادّعى", "رأى", "شدّد", "أكد", "حذّر"} {
		text := verb + " وزير الخارجية المصري سامح شكري أن الحل السياسي هو الطريق الوحيد لإنهاء الأزمة."
		evs := only(article(t, "2021-01-13", text), model.Statement)
		if len(evs) != 1 || names(evs[0])[0] != "سامح شكري" {
			t.Errorf("%s: %s", verb, describe(evs))
		}
	}
	t.Run("a post on X", func(t *testing.T) {
		s := one(t, article(t, "2020-11-23", "وكتب وزير الخارجية السعودي فيصل بن فرحان في تغريدة على منصة إكس: \"لم يحدث مثل هذا اللقاء\"."), model.Statement)
		if names(s)[0] != "فيصل بن فرحان" {
			t.Errorf("speaker %v", names(s))
		}
	})
	t.Run("a byline is no post", func(t *testing.T) {
		noEvent(t, article(t, "2020-11-23", "كتب: محمد علي\nالرياض تستعد لاستضافة القمة."), model.Statement)
	})
	t.Run("the statement reaches its content", func(t *testing.T) {
		s := one(t, article(t, "2023-05-19", "قال الرئيس السوري بشار الأسد، في كلمته أمام القمة، إن \"الفرصة تاريخية لإعادة ترتيب شؤوننا\"."), model.Statement)
		if !strings.Contains(s.Mentions[0].Sentence, "الفرصة تاريخية") {
			t.Errorf("the mention stops before what was said: %q", s.Mentions[0].Sentence)
		}
	})
}

// What is not an event: «إضافة إلى», habits, negation, unnamed sources,
// a continuation of an unnamed source.
func TestNonEvents(t *testing.T) {
	cases := []struct{ name, text string }{
		{"إضافة إلى", "وتشمل الخطة تطوير الموانئ، إضافة إلى تحديث شبكة الطرق."},
		{"habitual", "ويزور قائد فيلق القدس إسماعيل قاآني بغداد عادة دون إعلان مسبق."},
		{"repeatedly", "والتقى الرئيس الأسد المبعوث الأممي مرارا خلال السنوات الماضية."},
		{"negated", "لم يلتق الرئيس الفرنسي إيمانويل ماكرون نظيره الجزائري خلال القمة."},
		{"no plans", "لا توجد خطط حاليا لعقد لقاء بين رئيس الوزراء الإسرائيلي ونظيره الفلسطيني."},
		{"unnamed source", "وقال مصدر دبلوماسي مطلع إن المفاوضات ستستأنف قريبا."},
		{"unnamed official", "وأكد مسؤول في الخارجية الأمريكية أن واشنطن تدرس المقترح."},
		{"media", "وذكرت وكالة رويترز أن الاجتماع تأجل."},
		{"impersonal", "يذكر أن العلاقات بين البلدين شهدت توترا في السنوات الأخيرة."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			evs := article(t, "2024-05-01", c.text)
			if len(evs) != 0 {
				t.Errorf("events where there are none: %s", describe(evs))
			}
		})
	}
	t.Run("no intention: the statement, not the visit", func(t *testing.T) {
		evs := article(t, "2024-05-01", "وقال المتحدث باسم البنتاغون جون كيربي إن الوزير لويد أوستن لا يعتزم زيارة أنقرة في الوقت القريب.")
		one(t, evs, model.Statement)
		noEvent(t, evs, model.Visit)
	})
	t.Run("an unnamed source goes on: not the person quoted", func(t *testing.T) {
		evs := article(t, "2020-08-18", "وقال مصدر رفيع إن الكاظمي طلب تأجيل الموعد، مضيفا أن الزيارة ستتم في موعدها.")
		for _, e := range only(evs, model.Statement) {
			for _, m := range e.Mentions {
				if strings.Contains(m.Sentence, "مضيفا") {
					t.Errorf("«مضيفا» of an unnamed source credited to %v", names(e))
				}
			}
		}
	})
}

// Readouts: an institution's report of a meeting is part of the meeting;
// one that takes a position is a statement.
func TestReadouts(t *testing.T) {
	t.Run("a readout joins the meeting", func(t *testing.T) {
		evs := article(t, "2024-04-15", "استقبل الرئيس الأمريكي جو بايدن رئيس الوزراء العراقي محمد شياع السوداني في البيت الأبيض اليوم الاثنين.\nوأفاد بيان لمكتب رئيس الوزراء بأن الأخير بحث مع بايدن العلاقات الثنائية.")
		one(t, evs, model.Talks)
		noEvent(t, evs, model.Statement)
	})
	t.Run("according to a statement", func(t *testing.T) {
		evs := article(t, "2024-04-15", "التقى وزير الخارجية الأردني أيمن الصفدي نظيره المصري سامح شكري، بحسب بيان للخارجية الأردنية.")
		one(t, evs, model.Talks)
		noEvent(t, evs, model.Statement)
	})
	t.Run("a report that takes a position", func(t *testing.T) {
		evs := article(t, "2024-04-15", "التقى الرئيس المصري عبد الفتاح السيسي الملك الأردني عبد الله الثاني في القاهرة اليوم.\nورحبت وزارة الخارجية القطرية باللقاء، مؤكدة أهمية التنسيق العربي.")
		one(t, evs, model.Talks)
		s := one(t, evs, model.Statement)
		if !has(names(s), "وزارة الخارجية") {
			t.Errorf("speaker %v", names(s))
		}
	})
}

// Planned against done: a future verb governs its complements; «سوف»
// inside a quotation does not make the speech planned.
func TestPlanned(t *testing.T) {
	t.Run("a planned visit governs its meetings", func(t *testing.T) {
		evs := article(t, "2024-03-06", "يبدأ الرئيس التونسي قيس سعيد غدا زيارة إلى الجزائر تستمر يومين يلتقي خلالها نظيره عبد المجيد تبون.")
		v := one(t, evs, model.Visit)
		m := one(t, evs, model.Talks)
		if v.Status != model.Planned || m.Status != model.Planned {
			t.Errorf("visit %s, talks %s: both planned", v.Status, m.Status)
		}
	})
	t.Run("سوف inside a quotation", func(t *testing.T) {
		s := one(t, article(t, "2024-03-06", "قال الرئيس الفرنسي إيمانويل ماكرون اليوم: \"سوف نعمل مع الجزائر على بناء شراكة جديدة\"."), model.Statement)
		if s.Status != model.Reported {
			t.Errorf("status %s: he spoke today", s.Status)
		}
	})
	t.Run("من المقرر", func(t *testing.T) {
		v := one(t, article(t, "2024-03-06", "ومن المقرر أن يصل وزير الخارجية الأمريكي أنتوني بلينكن إلى الرياض الأسبوع المقبل."), model.Visit)
		if v.Status != model.Planned {
			t.Errorf("status %s", v.Status)
		}
	})
	t.Run("an announcement the same morning is reported", func(t *testing.T) {
		v := one(t, article(t, "2025-11-18", "يصل ولي العهد السعودي الأمير محمد بن سلمان اليوم إلى واشنطن."), model.Visit)
		if v.Status != model.Reported {
			t.Errorf("status %s", v.Status)
		}
	})
}

// «أن» before an imperfect verb is what is to be done: agreed, asked for,
// intended; «قبل أن» tells what was done.
func TestSubjunctive(t *testing.T) {
	v := one(t, article(t, "2023-08-02", "وأفاد البيان بأن الزعيمين اتفقا على أن يزور الرئيس الروسي فلاديمير بوتين تركيا في أغسطس الجاري."), model.Visit)
	if v.Status != model.Planned {
		t.Errorf("agreed: %s", describe([]Event{v}))
	}
	w := one(t, article(t, "2023-08-02", "وقالت المصادر إن الحكومتين اتفقتا على أن تزور رئيسة الوزراء الإيطالية جورجيا ميلوني الجزائر."), model.Visit)
	if w.Status != model.Planned {
		t.Errorf("asked for: %s", describe([]Event{w}))
	}
	r := one(t, article(t, "2023-08-02", "والتقى وزير الخارجية الأردني أيمن الصفدي نظيره المصري سامح شكري قبل أن يتوجه إلى بغداد أمس."), model.Visit)
	if r.Status != model.Reported {
		t.Errorf("told as done: %s", describe([]Event{r}))
	}
}

// The imperfect with a bare weekday is the coming day: planned; with كان
// before it, what was going on.
func TestImperfectWeekday(t *testing.T) {
	// 2023-02-27 is a Monday.
	v := one(t, article(t, "2023-02-27", "وتتوجه وزيرة الخارجية الألمانية أنالينا بيربوك الثلاثاء إلى أبوظبي."), model.Visit)
	if v.Status != model.Planned || v.Date.String() != "2023-02-28" {
		t.Errorf("the coming Tuesday: %s", describe([]Event{v}))
	}
	v = one(t, article(t, "2023-02-27", "وتوجهت وزيرة الخارجية الألمانية أنالينا بيربوك الثلاثاء إلى أبوظبي."), model.Visit)
	if v.Status != model.Reported || v.Date.String() != "2023-02-21" {
		t.Errorf("the last Tuesday: %s", describe([]Event{v}))
	}
}

// «يلتقي … منتصف الشهر الجاري» is to come; «اللقاء» in the next sentences
// is that meeting, not the one the pair «had had» in December.
func TestComingMeeting(t *testing.T) {
	text := "يلتقي الرئيس التونسي قيس سعيد نظيره الجزائري عبد المجيد تبون في الجزائر العاصمة منتصف شهر أفريل الجاري.\n" +
		"وكان الرئيسان قد التقيا آخر مرة في تونس في 15 ديسمبر الماضي.\n" +
		"وأوضح بيان الرئاسة التونسية أن اللقاء سيتناول ملفات الطاقة."
	evs := only(article(t, "2024-04-02", text), model.Talks)
	for _, e := range evs {
		switch {
		case e.Place != nil && e.Place.Name == "تونس":
			if e.Status != model.Reported || e.Date.String() != "2023-12-15" || len(e.Mentions) != 1 {
				t.Errorf("the December meeting: %s", describe([]Event{e}))
			}
		default:
			if e.Status != model.Planned || len(e.Mentions) != 2 {
				t.Errorf("the coming meeting: %s", describe([]Event{e}))
			}
		}
	}
	if len(evs) != 2 {
		t.Errorf("two meetings: %s", describe(evs))
	}
}

// «ثم» goes on with the sentence's subject: «وأدى شريف العمرة ثم التقى
// ولي العهد» is Sharif meeting the crown prince.
func TestThen(t *testing.T) {
	tk := one(t, article(t, "2024-03-21", "وأدى رئيس الوزراء الباكستاني شهباز شريف مناسك العمرة، ثم التقى ولي العهد السعودي الأمير محمد بن سلمان في مكة المكرمة."), model.Talks)
	if n := names(tk); len(n) != 2 || !has(n, "شهباز شريف") {
		t.Errorf("parties %v", n)
	}
}

// «يبدأ … يومي الأربعاء والخميس زيارة إلى بروناي»: a carrying verb in the
// imperfect with coming weekdays is a plan; Brunei is a country the
// gazetteer knows.
func TestStartsVisit(t *testing.T) {
	// 2024-09-02 is a Monday.
	v := one(t, article(t, "2024-09-02", "يبدأ رئيس الوزراء الهندي ناريندرا مودي يومي الأربعاء والخميس زيارة إلى بروناي وسنغافورة."), model.Visit)
	if v.Status != model.Planned || v.Date.String() != "2024-09-04" || v.Place == nil || v.Place.Name != "بروناي" {
		t.Errorf("the coming visit: %s", describe([]Event{v}))
	}
}
