package extract

import (
	"strings"
	"testing"

	"khatt/model"
)

// In-article coreference: speech addressed to the other side belongs to
// the meeting, event nouns point back, the headline meets the lead.
func TestCoreference(t *testing.T) {
	t.Run("speech to the other side is the meeting's", func(t *testing.T) {
		evs := article(t, "2020-08-18", "والتقى قائد فيلق القدس إسماعيل قاآني رئيس الوزراء العراقي مصطفى الكاظمي في بغداد.\nوقال قاآني للكاظمي إن طهران لن تقبل بقاء القوات الأجنبية.\nوأبلغ الكاظمي زائره أنه سيطرح المسألة في واشنطن.")
		m := one(t, evs, model.Talks)
		noEvent(t, evs, model.Statement)
		if len(m.Mentions) != 3 {
			t.Errorf("%d mentions, want the meeting and both sides' words: %s", len(m.Mentions), describe(evs))
		}
	})
	t.Run("event nouns point back", func(t *testing.T) {
		evs := article(t, "2023-09-05", "وصل وزير الخارجية الأردني أيمن الصفدي إلى بغداد اليوم الثلاثاء.\nوتأتي الزيارة في إطار التنسيق بين البلدين.\nوتستمر هذه الزيارة يومين.")
		v := one(t, evs, model.Visit)
		if len(v.Mentions) != 3 {
			t.Errorf("%d mentions, want 3: %s", len(v.Mentions), describe(evs))
		}
	})
	t.Run("a noun pointing back takes the event told last", func(t *testing.T) {
		evs := article(t, "2023-09-05", "زار رئيس الوزراء العراقي محمد شياع السوداني القاهرة الأحد.\nوالتقى الرئيس المصري عبد الفتاح السيسي في قصر الاتحادية.\nوتناول اللقاء العلاقات الثنائية.")
		m := one(t, evs, model.Talks)
		if len(m.Mentions) != 2 {
			t.Errorf("«اللقاء» is the meeting: %s", describe(evs))
		}
		v := one(t, evs, model.Visit)
		if len(v.Mentions) != 1 {
			t.Errorf("the visit keeps its one mention: %s", describe(evs))
		}
	})
	t.Run("headline and lead are one event", func(t *testing.T) {
		evs := article(t, "2024-02-07", "هنية في الدوحة لبحث التهدئة\nوصل رئيس المكتب السياسي لحركة حماس إسماعيل هنية إلى الدوحة اليوم الأربعاء.")
		v := one(t, evs, model.Visit)
		if !has(names(v), "إسماعيل هنية") {
			t.Errorf("visitor %v", names(v))
		}
	})
	t.Run("a planned trip elsewhere stays apart", func(t *testing.T) {
		evs := article(t, "2021-07-28", "وصل قائد فيلق القدس إسماعيل قاآني إلى بغداد الثلاثاء، ومن المقرر أن يتوجه بعد ذلك إلى دمشق.\nوأثارت زيارة قاآني غضبا في الأوساط السياسية.")
		vs := only(evs, model.Visit)
		if len(vs) != 2 {
			t.Fatalf("want the visit made and the trip planned: %s", describe(evs))
		}
		for _, v := range vs {
			if v.Place != nil && v.Place.Name == "دمشق" && (v.Status != model.Planned || len(v.Mentions) != 1) {
				t.Errorf("Damascus: %s", describe([]Event{v}))
			}
		}
	})
}

// Mentions are clause spans: three events in one sentence cite three
// different spans, each holding its own trigger.
func TestMentionSpans(t *testing.T) {
	text := "وصل الرئيس المصري عبد الفتاح السيسي إلى بغداد صباح الأحد، والتقى رئيس الوزراء مصطفى الكاظمي في القصر الحكومي، وقال في مؤتمر صحفي إن القمة ستعزز التعاون الاقتصادي."
	evs := article(t, "2021-06-27", text)
	if len(evs) != 3 {
		t.Fatalf("want a visit, a meeting and a statement: %s", describe(evs))
	}
	seen := map[string]bool{}
	for _, e := range evs {
		m := e.Mentions[0]
		if seen[m.Sentence] {
			t.Errorf("two events cite the same span %q", m.Sentence)
		}
		seen[m.Sentence] = true
		if !strings.Contains(m.Sentence, m.Trigger) {
			t.Errorf("%s: span %q lacks its trigger %q", e.Type, m.Sentence, m.Trigger)
		}
		if m.Sentence == text {
			t.Errorf("%s: the whole sentence is no span", e.Type)
		}
	}
}

// «جلالة الملك» is the king the article named by a name that starts with
// the title («الملك عبد الله الثاني»), not a person of its own.
func TestTitleInName(t *testing.T) {
	text := "أشاد الملك عبد الله الثاني بمواقف الرئيس الفلسطيني محمود عباس.\n" +
		"وأكد جلالة الملك دعم الأردن الكامل للأشقاء."
	evs := only(article(t, "2024-01-10", text), model.Statement)
	if len(evs) == 0 {
		t.Fatal("no statement")
	}
	for _, e := range evs {
		if n := names(e); len(n) != 1 || n[0] != "الملك عبد الله الثاني" {
			t.Errorf("speaker %v", n)
		}
	}
}

// What a quotation says is the speaker's own words: «نقلت الوكالة عن فون
// دير لاين قولها إن "الاتحاد الأوروبي يعتبر …"» is her statement.
func TestQuotedWords(t *testing.T) {
	s := one(t, article(t, "2024-03-17", "ونقلت وكالة أنباء الشرق الأوسط عن رئيسة المفوضية الأوروبية أورسولا فون دير لاين قولها إن \"الاتحاد الأوروبي يعتبر مصر شريكا استراتيجيا\"."), model.Statement)
	if n := names(s); len(n) != 1 || n[0] != "أورسولا فون دير لاين" {
		t.Errorf("speaker %v", n)
	}
}
