package extract

import (
	"khatt/arabic"
	"slices"
	"testing"

	"khatt/model"
)

// The inventory of entities: no names made of common words, a surname
// seen before the full name, a headline title resolved from the body,
// institutions acting through their building, collective actors.
func TestEntityInventory(t *testing.T) {
	t.Run("common words are no names", func(t *testing.T) {
		evs := article(t, "2021-07-28", "تساءل النائب حيدر الملا في تغريدة: \"هل تسمح إيران بمناقشة مسألة الانتخابات بهدف تشكيل الحكومة؟\".")
		s := one(t, evs, model.Statement)
		for _, n := range names(s) {
			if n == "هل تسمح" || n == "بهدف تشكيل" || n == "مسألة الانتخابات" {
				t.Errorf("a common phrase became an actor: %v", names(s))
			}
		}
	})
	t.Run("a surname before the full name", func(t *testing.T) {
		evs := article(t, "2023-09-05", "الصفدي يصل إلى بغداد\nوصل وزير الخارجية الأردني أيمن الصفدي إلى بغداد اليوم الثلاثاء.")
		v := one(t, evs, model.Visit)
		if !has(names(v), "أيمن الصفدي") || len(names(v)) != 1 {
			t.Errorf("visitor %v, want the one Safadi", names(v))
		}
		if len(v.Mentions) != 2 {
			t.Errorf("%d mentions, want the headline and the body", len(v.Mentions))
		}
	})
	t.Run("a headline's title is the person named in the body", func(t *testing.T) {
		evs := article(t, "2025-11-18", "ولي العهد السعودي يصل إلى واشنطن\nوصل ولي العهد السعودي الأمير محمد بن سلمان إلى واشنطن اليوم الثلاثاء في زيارة رسمية.")
		v := one(t, evs, model.Visit)
		if !has(names(v), "محمد بن سلمان") || len(v.Mentions) < 2 {
			t.Errorf("visit %v with %d mentions", names(v), len(v.Mentions))
		}
	})
	t.Run("an institution speaks through its building", func(t *testing.T) {
		evs := article(t, "2024-11-18", "أعلن البيت الأبيض، اليوم الاثنين، أن الرئيس سيستقبل رئيس الوزراء العراقي الشهر المقبل.")
		s := one(t, evs, model.Statement)
		if names(s)[0] != "البيت الأبيض" || s.Actors[0].Kind != model.Organisation {
			t.Errorf("speaker %v (%v), want the White House as a body", names(s), s.Actors[0].Kind)
		}
	})
	t.Run("collective actors", func(t *testing.T) {
		cases := []struct{ text, actor string }{
			{"وكانت مجموعة من الفصائل المسلحة أصدرت، الأربعاء، بيانا طالبت فيه بانسحاب القوات الأجنبية.", "مجموعة من الفصائل المسلحة"},
			{"عبرت فصائل مسلحة عراقية عن رفضها الاتفاق الأمني الجديد.", "فصائل مسلحة عراقية"},
		}
		for _, c := range cases {
			s := one(t, article(t, "2021-04-09", c.text), model.Statement)
			if names(s)[0] != c.actor {
				t.Errorf("%s: speaker %v, want %s", c.text, names(s), c.actor)
			}
		}
		v := one(t, article(t, "2024-02-07", "وصل وفد من حركة حماس إلى القاهرة اليوم الأربعاء لبحث التهدئة."), model.Visit)
		if !has(names(v), "وفد") {
			t.Errorf("visitor %v, want the delegation", names(v))
		}
	})
	t.Run("name variants meet", func(t *testing.T) {
		for _, spelling := range []string{"قاآني", "قآاني", "قآني", "قأني"} {
			v := one(t, article(t, "2021-07-27", "وصل قائد فيلق القدس إسماعيل "+spelling+" إلى بغداد اليوم الثلاثاء."), model.Visit)
			if names(v)[0] != "إسماعيل قاآني" {
				t.Errorf("%s: visitor %v", spelling, names(v))
			}
		}
	})
}

// TestTitlesOfTwoPeople: a title ends where another person's begins: a
// title glued to «ب» («التقى … بوزير الخارجية»), or one of another
// country; and where the person is («في الجزائر»، «في قصر المرادية») is
// no part of an office, unless the office is an envoy's. A title with a
// glued preposition is named without it.
func TestTitlesOfTwoPeople(t *testing.T) {
	for _, text := range []string{
		"التقى الرئيس الجزائري وزير الخارجية الفرنسي في قصر المرادية، الثلاثاء.",
		"والتقى الرئيس الجزائري بوزير الخارجية الفرنسي في الجزائر، الثلاثاء.",
		"التقى الرئيس الجزائري عبد المجيد تبون بوزير الخارجية الفرنسي، الثلاثاء.",
	} {
		v := one(t, article(t, "2024-03-05", text), model.Talks)
		if len(v.Actors) != 2 || !slices.Contains(names(v), "وزير الخارجية الفرنسي") {
			t.Errorf("%s\nparticipants %v, want the Algerian president and «وزير الخارجية الفرنسي»", text, names(v))
		}
	}
	v := one(t, article(t, "2024-03-05", "وصل نائب رئيس الوزراء ووزير الخارجية الأردني أيمن الصفدي إلى بغداد الثلاثاء."), model.Visit)
	if len(v.Actors) != 1 || names(v)[0] != "أيمن الصفدي" {
		t.Errorf("stacked titles of one man: visitors %v", names(v))
	}
	s := one(t, article(t, "2024-03-05", "وقال السفير الفرنسي في الجزائر إن العلاقات متينة."), model.Statement)
	if names(s)[0] != "السفير الفرنسي في الجزائر" {
		t.Errorf("an ambassador's post is part of his title: speaker %v", names(s))
	}
}

func TestWithoutClitics(t *testing.T) {
	for _, c := range []struct {
		name string
		pre  string
		stem string
		want string
	}{
		{"وللمجلس الأعلى", "ول", "المجلس", "المجلس الأعلى"},
		{"للمجلس الأعلى", "لال", "مجلس", "المجلس الأعلى"},
		{"لِلمجلس الأعلى", "ل", "المجلس", "المجلس الأعلى"},
		{"بالمجلس الأعلى", "ب", "المجلس", "المجلس الأعلى"},
		{"بوزير الخارجية", "ب", "وزير", "وزير الخارجية"},
		{"فبوزير الخارجية", "فب", "وزير", "وزير الخارجية"},
		{"للبنان", "ل", "لبنان", "لبنان"},
		{"والمجلس", "وال", "مجلس", "المجلس"},
		{"لواء", "", "لواء", "لواء"},
	} {
		if got := withoutClitics(c.name, arabic.Analysis{Pre: c.pre, Stem: c.stem}); got != c.want {
			t.Errorf("withoutClitics(%q, %s+%s) = %q, want %q", c.name, c.pre, c.stem, got, c.want)
		}
	}
}

// One word, two places: عمّان the city and عُمان the sultanate fold to one
// spelling. Harakat decide when written; else the country the article
// speaks of.
func TestHomographs(t *testing.T) {
	place := func(t *testing.T, text string) string {
		t.Helper()
		for _, e := range article(t, "2024-02-01", text) {
			if e.Place != nil {
				return e.Place.Name
			}
		}
		t.Fatalf("no place: %s", describe(article(t, "2024-02-01", text)))
		return ""
	}
	if p := place(t, "وصل وزير الخارجية المصري سامح شكري اليوم إلى عمّان في زيارة رسمية."); p != "عمّان" {
		t.Errorf("shadda: %s, want the city", p)
	}
	if p := place(t, "وصل وزير الخارجية المصري سامح شكري اليوم إلى عُمان في زيارة رسمية."); p != "سلطنة عمان" {
		t.Errorf("damma: %s, want the sultanate", p)
	}
	if p := place(t, "وصل وزير الخارجية المصري سامح شكري اليوم إلى عمان للقاء العاهل الأردني الملك عبد الله الثاني ونظيره الأردني أيمن الصفدي."); p != "عمّان" {
		t.Errorf("a Jordanian story: %s, want Amman", p)
	}
	if p := place(t, "وصل وزير الخارجية المصري سامح شكري اليوم إلى عمان للقاء السلطان هيثم بن طارق ونظيره العماني بدر البوسعيدي."); p != "سلطنة عمان" {
		t.Errorf("an Omani story: %s, want Oman", p)
	}
}

// After a title, a lone word in ة is no name: «وولي العهد السعودي جلسة
// مباحثات» is the prince the article named, and the session its object.
func TestNoNameInTaMarbuta(t *testing.T) {
	text := "وصل ولي العهد السعودي الأمير محمد بن سلمان إلى القاهرة اليوم.\n" +
		"وعقد الرئيس المصري عبد الفتاح السيسي وولي العهد السعودي جلسة مباحثات في قصر الاتحادية."
	tk := one(t, article(t, "2022-06-20", text), model.Talks)
	if n := names(tk); len(n) != 2 || !has(n, "السيسي") || !has(n, "محمد بن سلمان") {
		t.Errorf("parties %v", n)
	}
	p := one(t, article(t, "2024-01-10", "استقبل الرئيس التونسي قيس سعيد اليوم وزيرة الخارجية الليبية نجلاء المنقوش."), model.Talks)
	if !has(names(p), "نجلاء المنقوش") {
		t.Errorf("a name after a feminine title: %v", names(p))
	}
}

// Names the lexicon does not know: a family name that starts with ف
// («أحمد فهمي»: no conjunction), a foreign name before its title, and the
// indefinite «رئيس وزراء اليونان» the office «رئيس الوزراء اليوناني».
func TestUnknownNames(t *testing.T) {
	s := one(t, article(t, "2024-03-18", "وصرح المستشار أحمد فهمي بأن الرئيس سيزور أثينا."), model.Statement)
	if n := names(s); len(n) != 1 || n[0] != "أحمد فهمي" {
		t.Errorf("speaker %v", n)
	}
	text := "الرئيس السيسي يستقبل رئيس الوزراء اليوناني\n" +
		"استقبل الرئيس عبد الفتاح السيسي، أمس الأحد، كيرياكوس ميتسوتاكيس رئيس وزراء اليونان، بحضور رئيس مجلس الوزراء."
	tk := one(t, article(t, "2024-03-18", text), model.Talks)
	if n := names(tk); len(n) != 2 || !has(n, "كيرياكوس ميتسوتاكيس") || !has(n, "السيسي") {
		t.Errorf("the guest before his title, and the headline's office: %s", describe([]Event{tk}))
	}
}

// «أوغلو» ends a name and binds the word before it, first time and after.
func TestNameSuffix(t *testing.T) {
	text := "أعلنت الخارجية الروسية أن الوزير سيرغي لافروف سيلتقي نظيره التركي مولود تشاووش أوغلو في أستانا غدا.\n" +
		"وكتب تشاووش أوغلو على منصة إكس أنه \"يتطلع إلى لقاء مثمر\"."
	evs := article(t, "2022-10-12", text)
	if !has(names(one(t, evs, model.Talks)), "مولود تشاووش أوغلو") {
		t.Errorf("the full name: %s", describe(evs))
	}
	found := false
	for _, e := range only(evs, model.Statement) {
		found = found || slices.Contains(names(e), "مولود تشاووش أوغلو")
	}
	if !found {
		t.Errorf("his post: %s", describe(evs))
	}
}

// Foreign names the lexicon does not know: one that starts with ب is no
// preposition («بيدرو سانشيز»), one that starts with أل has no article
// («ألباريس» is not Paris), a third word ends where a name does, and
// «ولد» binds like بن («محمد سالم ولد مرزوك»).
func TestForeignNames(t *testing.T) {
	for _, c := range []struct{ text, name string }{
		{"ويرتقب أن يحل رئيس الحكومة الإسبانية بيدرو سانشيز بالمغرب الشهر المقبل.", "بيدرو سانشيز"},
		{"وأجرى وزير الخارجية المغربي ناصر بوريطة مباحثات مع وزير الخارجية الإسباني خوسيه مانويل ألباريس.", "خوسيه مانويل ألباريس"},
		{"استقبل وزير الخارجية المغربي ناصر بوريطة نظيره الموريتاني محمد سالم ولد مرزوك بالرباط.", "محمد سالم ولد مرزوك"},
		{"أكدت وزيرة الخارجية الأسترالية بيني وونغ أن بلادها تدعم الحل.", "بيني وونغ"},
	} {
		evs := article(t, "2024-05-15", c.text)
		found := false
		for _, e := range evs {
			found = found || slices.Contains(names(e), c.name)
			if e.Place != nil && e.Place.Name == "باريس" {
				t.Errorf("%s: Albares is no Paris", c.text)
			}
		}
		if !found {
			t.Errorf("%s: no %s in %s", c.text, c.name, describe(evs))
		}
	}
}
