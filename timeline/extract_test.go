package timeline

import (
	"strings"
	"testing"
	"testing/fstest"

	"khatt/model"
)

// build runs the whole pipeline on in-memory articles.
func build(t *testing.T, files map[string]string) []model.Event {
	t.Helper()
	srcs, problems := loadMap(t, files)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	return Build(srcs, DefaultLexicon())
}

func fm(published, body string) string { return "---\npublished: " + published + "\n---\n" + body }

func actorNames(e model.Event) string {
	var n []string
	for _, a := range e.Actors {
		n = append(n, a.Name)
	}
	return strings.Join(n, "، ")
}

func TestUnnamedSourcesAreAttributionNotEvents(t *testing.T) {
	evs := build(t, map[string]string{"a.txt": fm("2021-04-08",
		"قال مسؤولان عراقيان، إن رئيس الوزراء العراقي مصطفى الكاظمي، طلب من إيران كبح جماح الميليشيات.\n")})
	if len(evs) != 1 || evs[0].Type != model.Statement || actorNames(evs[0]) != "مصطفى الكاظمي" {
		t.Fatalf("events %+v: want one statement by the Prime Minister, none by the officials", evs)
	}
}

func TestContinuationJoinsThePreviousStatement(t *testing.T) {
	evs := build(t, map[string]string{"a.txt": fm("2021-07-27",
		"وقال بايدن إن الشراكة مستمرة.\nوأضاف أن إدارته ملتزمة بها.\n")})
	if len(evs) != 1 || len(evs[0].Mentions) != 2 {
		t.Fatalf("want one statement with two mentions, got %d events", len(evs))
	}
}

func TestNameVariantsAreOneActor(t *testing.T) {
	evs := build(t, map[string]string{
		"a.txt": fm("2021-07-28", "وصل إسماعيل قاآني إلى بغداد يوم الثلاثاء.\n"),
		"b.txt": fm("2021-07-28", "وصل قآاني إلى بغداد الثلاثاء.\n"),
		"c.txt": fm("2021-07-28", "زار قآني العاصمة العراقية بغداد الثلاثاء.\n"),
		"d.txt": fm("2021-07-28", "وصل قائد فيلق القدس قأني إلى بغداد، الثلاثاء.\n"),
	})
	if len(evs) != 1 || len(evs[0].Mentions) != 4 || actorNames(evs[0]) != "إسماعيل قاآني" {
		for _, e := range evs {
			t.Logf("%s %s %s %d", e.Date, e.Type, actorNames(e), len(e.Mentions))
		}
		t.Fatal("four spellings of one visit should make one event of one actor with four mentions")
	}
}

func TestMergedSourcesRecordConflicts(t *testing.T) {
	evs := build(t, map[string]string{
		"a.txt": fm("2021-07-27", "وصل إسماعيل قاآني إلى العاصمة العراقية بغداد، ظهر اليوم الثلاثاء.\n"),
		"b.txt": fm("2021-07-28", "وصل إسماعيل قاآني إلى محافظة النجف، صباح الثلاثاء.\n"),
	})
	if len(evs) != 1 {
		t.Fatalf("%d events, want 1", len(evs))
	}
	fields := map[string]bool{}
	for _, c := range evs[0].Conflicts {
		fields[c.Field] = true
		if c.A.Mention.Source == c.B.Mention.Source {
			t.Errorf("conflict within one source: %+v", c)
		}
	}
	if !fields["place"] || !fields["time of day"] {
		t.Errorf("conflicts %+v, want place and time of day", evs[0].Conflicts)
	}
}

func TestCalendarDisagreementIsAConflict(t *testing.T) {
	evs := build(t, map[string]string{"a.txt": fm("2015-07-15",
		"أعلن وزير الخارجية الإيراني محمد جواد ظريف يوم 28 رمضان 1436 هـ الموافق 14 تموز 2015 التوصل إلى اتفاق.\n")})
	if len(evs) != 1 || evs[0].Date.String() != "2015-07-14" {
		t.Fatalf("events %+v", evs)
	}
	if len(evs[0].Conflicts) != 1 || evs[0].Conflicts[0].Field != "calendar" {
		t.Errorf("conflicts %+v, want one calendar conflict", evs[0].Conflicts)
	}
}

func TestPlannedEventsAreMarked(t *testing.T) {
	evs := build(t, map[string]string{"a.txt": fm("2023-09-05",
		"يعتزم رئيس الوزراء محمد شياع السوداني زيارة أنقرة الشهر المقبل.\n")})
	if len(evs) != 1 || !evs[0].Planned || evs[0].Date.String() != "2023-10" || evs[0].Place != "أنقرة" {
		t.Fatalf("events %+v", evs)
	}
}

func TestUndatedEventTakesNoMorePrecisionThanTheEvidence(t *testing.T) {
	evs := build(t, map[string]string{"a.txt": fm("2021-04-20", "وقال جون كيربي إن البيان لا يمثل اتفاقا.\n")})
	if len(evs) != 1 || evs[0].Date.Precision != model.Month || evs[0].Date.String() != "2021-04" {
		t.Fatalf("events %+v: want the month of publication", evs)
	}
	// Reported on 3 May, the event may have been in April: only the year is sure.
	evs = build(t, map[string]string{"a.txt": fm("2021-05-03", "وقال جون كيربي إن البيان لا يمثل اتفاقا.\n")})
	if len(evs) != 1 || evs[0].Date.Precision != model.Year {
		t.Fatalf("events %+v: want year precision across a month boundary", evs)
	}
}

func TestDiscoveredNamesAndSurnames(t *testing.T) {
	evs := build(t, map[string]string{"a.txt": fm("2021-07-28",
		"وأعرب نصر الشمري نائب الأمين العام لحركة النجباء عن الرفض التام.\nوهدد الشمري باستمرار الاستهداف.\n")})
	if len(evs) != 1 || actorNames(evs[0]) != "نصر الشمري" || len(evs[0].Mentions) != 2 {
		t.Fatalf("events %+v", evs)
	}
}

func TestEventsAreChronological(t *testing.T) {
	evs := build(t, map[string]string{
		"a.txt": fm("2021-07-28", "وصل إسماعيل قاآني إلى بغداد الثلاثاء.\n"),
		"b.txt": fm("2020-08-18", "زار إسماعيل قاآني بغداد في يونيو الماضي.\n"),
		"c.txt": "وصل جو بايدن إلى بغداد الثلاثاء.\n",
	})
	for i := 1; i < len(evs); i++ {
		if evs[i].Date.Before(evs[i-1].Date) {
			t.Errorf("event %d (%s) before event %d (%s)", i, evs[i].Date, i-1, evs[i-1].Date)
		}
	}
	if last := evs[len(evs)-1]; last.Date.Known() {
		t.Errorf("the undated event should come last, got %s", last.Date)
	}
}

func TestLexiconOverride(t *testing.T) {
	lx, err := LoadLexicon(fstest.MapFS{"triggers.txt": {Data: []byte("[visit verb]\nحل +place\n")}})
	if err != nil {
		t.Fatal(err)
	}
	srcs, _ := loadMap(t, map[string]string{"a.txt": fm("2021-07-28", "حل الرئيس الفرنسي إيمانويل ماكرون في بيروت أمس.\nوقال ماكرون إن لبنان مهم.\n")})
	evs := Build(srcs, lx)
	if len(evs) != 1 || evs[0].Type != model.Visit {
		t.Fatalf("with only a visit trigger in the override, want one visit, got %+v", evs)
	}
	if _, err := LoadLexicon(fstest.MapFS{"gazetteer.txt": {Data: []byte("animal | x\n")}}); err == nil || !strings.Contains(err.Error(), "gazetteer.txt:1") {
		t.Errorf("bad gazetteer line: err = %v, want it to name the file and line", err)
	}
}
