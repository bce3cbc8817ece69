package merge

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"sort"
	"testing"
	"time"

	"khatt/arabic"
	"khatt/corpus"
	"khatt/extract"
	"khatt/internal/par"
	"khatt/lexicon"
	"khatt/model"
	"khatt/seeds"
)

var x = extract.New(lexicon.Default())

// timeline merges the events of articles given as (publication day, text).
func timeline(t *testing.T, arts ...[2]string) []model.Event {
	t.Helper()
	var per [][]extract.Event
	for i, a := range arts {
		src, err := corpus.ParseArticle(fmt.Sprintf("a%d.txt", i), []byte(a[1]), map[string]string{"published": a[0]})
		if err != nil {
			t.Fatal(err)
		}
		per = append(per, x.Article(&src))
	}
	return Events(per)
}

func ofType(evs []model.Event, typ model.EventType) []model.Event {
	var out []model.Event
	for _, e := range evs {
		if e.Type == typ {
			out = append(out, e)
		}
	}
	return out
}

func sources(e model.Event) map[string]bool {
	out := map[string]bool{}
	for _, m := range e.Mentions {
		out[m.Source] = true
	}
	return out
}

func TestOneVisitToldByThreeOutlets(t *testing.T) {
	evs := timeline(t,
		[2]string{"2023-09-03", "وصلت الممثلة الخاصة للأمين العام للأمم المتحدة جينين هينيس بلاسخارت إلى أربيل اليوم الأحد."},
		[2]string{"2023-09-04", "وكانت بلاسخارت قد وصلت أمس إلى أربيل، عاصمة إقليم كردستان."},
		[2]string{"2023-09-05", "زارت جينين هينيس بلاسخارت أربيل مطلع الأسبوع."},
	)
	vs := ofType(evs, model.Visit)
	if len(vs) != 1 || len(sources(vs[0])) != 3 {
		t.Fatalf("want one visit citing three outlets, got %d: %+v", len(vs), vs)
	}
	if vs[0].Date.String() != "2023-09-03" {
		t.Errorf("date %s: the explicit day wins over the assumed ones", vs[0].Date)
	}
}

func TestYearPrecisionBridgesNothing(t *testing.T) {
	evs := timeline(t,
		[2]string{"2019-03-12", "وصل وزير الخارجية الأردني أيمن الصفدي إلى بغداد يوم 11 مارس 2019."},
		[2]string{"2019-11-20", "وصل وزير الخارجية الأردني أيمن الصفدي إلى بغداد يوم 19 نوفمبر 2019."},
		[2]string{"2020-01-05", "وكان الصفدي قد زار بغداد عدة مرات في عام 2019."},
	)
	if vs := ofType(evs, model.Visit); len(vs) < 2 {
		t.Fatalf("two visits eight months apart joined: %+v", vs)
	}
	for _, v := range ofType(evs, model.Visit) {
		if sources(v)["a0"] && sources(v)["a1"] {
			t.Errorf("March and November in one event: %v", v.Mentions)
		}
	}
}

func TestTwoCitiesTwoMeetings(t *testing.T) {
	evs := timeline(t,
		[2]string{"2021-07-28", "عقد قائد فيلق القدس إسماعيل قاآني اجتماعا مع قادة الفصائل في النجف صباح الثلاثاء."},
		[2]string{"2021-07-28", "عقد قائد فيلق القدس إسماعيل قاآني اجتماعا مع قادة الفصائل في بغداد مساء الثلاثاء."},
	)
	if ms := ofType(evs, model.Talks); len(ms) != 2 {
		t.Fatalf("the morning in Najaf and the evening in Baghdad are two meetings, got %d", len(ms))
	}
}

func TestOneQuotationADayApart(t *testing.T) {
	evs := timeline(t,
		[2]string{"2024-03-06", "قال وزير الخارجية المصري سامح شكري اليوم إن \"مصر لن تقبل بتهجير الفلسطينيين إلى سيناء تحت أي ظرف\"."},
		[2]string{"2024-03-07", "قال وزير الخارجية المصري سامح شكري أمس الأول إن مصر لن تقبل بتهجير الفلسطينيين إلى سيناء تحت أي ظرف."},
	)
	ss := ofType(evs, model.Statement)
	if len(ss) != 1 || len(sources(ss[0])) != 2 {
		t.Fatalf("one quotation carried by two outlets: %d statements", len(ss))
	}
}

func TestDifferentWordsSameWeekStayApart(t *testing.T) {
	evs := timeline(t,
		[2]string{"2024-03-06", "قال وزير الخارجية المصري سامح شكري إن مصر لن تقبل بتهجير الفلسطينيين إلى سيناء تحت أي ظرف من الظروف."},
		[2]string{"2024-03-06", "قال وزير الخارجية المصري سامح شكري إن الاستثمارات الخليجية في قناة السويس ستتضاعف خلال العام المقبل بفضل المشروعات الجديدة."},
	)
	if ss := ofType(evs, model.Statement); len(ss) != 2 {
		t.Fatalf("two different statements joined: %d", len(ss))
	}
}

func TestOneEventPerArticle(t *testing.T) {
	evs := timeline(t,
		[2]string{"2024-03-06", "التقى وزير الخارجية الأمريكي أنتوني بلينكن نظيره السعودي فيصل بن فرحان في الرياض صباح اليوم.\nوفي المساء التقى بلينكن فيصل بن فرحان مجددا في جدة."},
	)
	if ms := ofType(evs, model.Talks); len(ms) != 2 {
		t.Fatalf("one article's two meetings merged: %d", len(ms))
	}
}

func TestPhoneCallIsNoMeeting(t *testing.T) {
	evs := timeline(t,
		[2]string{"2024-03-06", "أجرى الرئيس الروسي فلاديمير بوتين اتصالا هاتفيا مع رئيس الإمارات محمد بن زايد اليوم."},
		[2]string{"2024-03-06", "التقى الرئيس الروسي فلاديمير بوتين رئيس الإمارات محمد بن زايد في موسكو اليوم."},
	)
	if ms := ofType(evs, model.Talks); len(ms) != 2 {
		t.Fatalf("a call and a meeting joined: %d", len(ms))
	}
}

// BenchmarkMerge measures the merge alone on many articles' events: it
// must grow near-linearly (blocking, a sweep in date order).
func BenchmarkMerge(b *testing.B) {
	for _, n := range []int{1000, 4000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var per [][]extract.Event
			for i := 0; i < n; i++ {
				day := fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28)
				src, _ := corpus.ParseArticle(fmt.Sprintf("a%d.txt", i), []byte(fmt.Sprintf(
					"وصل وزير الخارجية الأردني أيمن الصفدي إلى بغداد اليوم.\nوالتقى الصفدي نظيره العراقي في %d.", i)), map[string]string{"published": day})
				per = append(per, x.Article(&src))
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				Events(per)
			}
		})
	}
}

// itemOf is the item of an event of this form.
func itemOf(f *Form, article, event int, ids *keyIDs) *item {
	it := &item{}
	it.fill(f, article, event, ids, new([]byte))
	return it
}

// TestComponentsClusterAsOne: clustering each set of reports that share
// no block on its own gives the groups clustering them all at once gives.
func TestComponentsClusterAsOne(t *testing.T) {
	srcs, _ := corpus.Load([]corpus.Root{{FS: seeds.FS, Path: "."}})
	var items []*item
	ids := newKeyIDs()
	for i := range srcs {
		evs := x.Article(&srcs[i])
		for k := range evs {
			f := FormOf(&evs[k])
			items = append(items, itemOf(&f, i, k, ids))
		}
	}
	names := func(groups [][]*item) []string {
		var out []string
		for _, g := range groups {
			s := ""
			for _, it := range g {
				s += fmt.Sprintf("%d/%d ", it.article, it.anchor)
			}
			out = append(out, s)
		}
		slices.Sort(out)
		return out
	}
	whole := names(cluster(items))
	parts := components(items)
	var each [][]*item
	for _, p := range parts {
		each = append(each, cluster(p)...)
	}
	if got := names(each); !slices.Equal(got, whole) {
		t.Fatalf("by components:\n%v\nall at once:\n%v", got, whole)
	}
	if len(parts) < 2 || len(whole) == len(items) {
		t.Fatalf("%d components, %d groups of %d reports: the seeds no longer exercise the split or the merge", len(parts), len(whole), len(items))
	}
}

// BenchmarkMergeCorpus merges the events of a generated corpus on disk
// (KHATT_BENCH_CORPUS=DIR, e.g. written by ../shared/tools/gen-corpus),
// extracted once: the merge alone, at the size a user merges.
func BenchmarkMergeCorpus(b *testing.B) {
	dir := os.Getenv("KHATT_BENCH_CORPUS")
	if dir == "" {
		b.Skip("KHATT_BENCH_CORPUS is not set")
	}
	srcs, _ := corpus.Load([]corpus.Root{{FS: os.DirFS(dir), Path: "."}})
	per := make([][]extract.Event, len(srcs))
	par.Each(len(srcs), func(i int) { per[i] = x.Article(&srcs[i]) })
	b.ResetTimer()
	for b.Loop() {
		Events(per)
	}
}

// TestFitsBySignature: deciding on one report of each signature and on
// the groups' article sets answers as comparing every pair of reports
// does, with wire copies (one report in several articles) in the groups.
func TestFitsBySignature(t *testing.T) {
	srcs, _ := corpus.Load([]corpus.Root{{FS: seeds.FS, Path: "."}})
	ids := newKeyIDs()
	var items []*item
	for i := range srcs {
		evs := x.Article(&srcs[i])
		for k := range evs {
			f := FormOf(&evs[k])
			items = append(items, itemOf(&f, i, k, ids))
			for copyOf := 1; copyOf <= 2; copyOf++ { // the same report, in other outlets
				items = append(items, itemOf(&f, 100*copyOf+i, k, ids))
			}
		}
	}
	byType := map[model.EventType][]int{}
	for i, it := range items {
		byType[it.typ] = append(byType[it.typ], i)
	}
	open := window{} // zero bounds allow any day
	checked, yes := 0, 0
	for _, idx := range byType {
		for a := 0; a+3 <= len(idx); a++ {
			for b := 0; b+3 <= len(idx); b += 2 {
				ga, gb := idx[a:a+3], idx[b:b+3]
				want := true
				for _, p := range ga {
					for _, q := range gb {
						if items[p].article == items[q].article || !compatible(items[p], items[q]) {
							want = false
						}
					}
				}
				state := func(g []int) (arts, reps []int) {
					for _, m := range g {
						arts = append(arts, int(items[m].article))
						if !slices.ContainsFunc(reps, func(r int) bool { return items[r].sigHash == items[m].sigHash }) {
							reps = append(reps, m)
						}
					}
					slices.Sort(arts)
					return arts, reps
				}
				artsA, repsA := state(ga)
				artsB, repsB := state(gb)
				if got := fits(items, open, artsA, artsB, repsA, repsB); got != want {
					t.Fatalf("groups %v and %v: fits %v, every pair %v", ga, gb, got, want)
				}
				checked++
				if want {
					yes++
				}
			}
		}
	}
	if checked < 100 || yes == 0 || yes == checked {
		t.Fatalf("%d pairs of groups, %d fit: the test no longer tells", checked, yes)
	}
}

// TestSortInPlace: Sort gives the order a stable sort by (date, type, ID)
// gives, ties kept in their order, with the events moved whole.
func TestSortInPlace(t *testing.T) {
	var evs []model.Event
	for i := 0; i < 500; i++ {
		e := model.Event{ID: fmt.Sprintf("e-%03d", (i*37)%50), Type: model.EventType(i % 3), Summary: fmt.Sprint(i)}
		if i%7 != 0 { // some undated
			e.Date = model.DayOf(2024, time.Month(1+i%3), 1+i%5)
		}
		if i%11 == 0 {
			e.Date = model.MonthOf(2024, time.Month(1+i%3))
		}
		evs = append(evs, e)
	}
	want := slices.Clone(evs)
	sort.SliceStable(want, func(i, j int) bool {
		a, b := want[i], want[j]
		if a.Date.Before(b.Date) != b.Date.Before(a.Date) {
			return a.Date.Before(b.Date)
		}
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		return a.ID < b.ID
	})
	Sort(evs)
	for i := range evs {
		if evs[i].Summary != want[i].Summary {
			t.Fatalf("position %d: event %s, want %s", i, evs[i].Summary, want[i].Summary)
		}
	}
}

// TestKeyIDs: equal keys get equal numbers, different keys different
// ones, whichever shard they fall in; a country's party key is its folded
// name's, remembered or not.
func TestKeyIDs(t *testing.T) {
	ids := newKeyIDs()
	seen := map[int32]string{}
	for i := 0; i < 5000; i++ {
		k := fmt.Sprintf("k:%d", i)
		id := ids.of(k)
		if other, dup := seen[id]; dup {
			t.Fatalf("%s and %s share number %d", k, other, id)
		}
		seen[id] = k
		if again := ids.of(k); again != id {
			t.Fatalf("%s: %d then %d", k, id, again)
		}
	}
	for range 2 {
		if got, want := countryKey("مصرَ"), "c:"+arabic.Fold("مصر"); got != want {
			t.Errorf("country key %q, not %q", got, want)
		}
	}
	if countryKey("مصر") == countryKey("تونس") {
		t.Error("two countries share a key")
	}
}

// TestMergeTakesWhatPriorBuilt: with one article changed, merging the
// others by their forms and taking the events of groups found in the
// prior timeline gives what merging every article's events gives; only
// the articles of groups to build are loaded; a prior whose events cannot
// be had is no prior, and an article that cannot be loaded fails the merge.
func TestMergeTakesWhatPriorBuilt(t *testing.T) {
	srcs, _ := corpus.Load([]corpus.Root{{FS: seeds.FS, Path: "."}})
	per := make([][]extract.Event, len(srcs))
	before := make([]Article, len(srcs))
	for i := range srcs {
		per[i] = x.Article(&srcs[i])
		before[i] = Article{Events: per[i], Known: srcs[i].ID + "\x00" + srcs[i].Hash}
	}
	evs, groups, err := Merge(before, nil)
	if err != nil || len(groups) != len(evs) {
		t.Fatalf("%v; %d groups for %d events", err, len(groups), len(evs))
	}
	// loader loads each article with a function of one.
	loader := func(one func(int) ([]extract.Event, error)) func([]int) ([][]extract.Event, error) {
		return func(arts []int) ([][]extract.Event, error) {
			out := make([][]extract.Event, len(arts))
			for k, i := range arts {
				evs, err := one(i)
				if err != nil {
					return nil, err
				}
				out[k] = evs
			}
			return out, nil
		}
	}
	prior := func(load func(int) ([]extract.Event, error)) *Prior {
		p := &Prior{Groups: map[Group]int{}, Load: loader(load),
			Events: func() ([]model.Event, error) { return evs, nil }}
		for i, g := range groups {
			p.Groups[g] = i
		}
		return p
	}
	// The article with the most events loses its last one: the groups of
	// its reports change, others do not.
	changed := 0
	for i := range per {
		if len(per[i]) > len(per[changed]) {
			changed = i
		}
	}
	after := func() []Article {
		out := make([]Article, len(srcs))
		for i := range srcs {
			out[i] = Article{Forms: FormsOf(per[i]), Known: before[i].Known}
		}
		out[changed] = Article{Events: per[changed][:len(per[changed])-1], Known: before[changed].Known + "+edited"}
		return out
	}
	whole := after()
	for i := range whole {
		if i != changed {
			whole[i].Events, whole[i].Forms = per[i], nil
		}
	}
	want, wantGroups, err := Merge(whole, nil)
	if err != nil {
		t.Fatal(err)
	}

	var loaded []int
	got, gotGroups, err := Merge(after(), prior(func(i int) ([]extract.Event, error) {
		loaded = append(loaded, i)
		return per[i], nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) || !slices.Equal(gotGroups, wantGroups) {
		t.Fatal("merged with a prior timeline, the events differ from those merged from every article's events")
	}
	taken := 0
	for _, g := range gotGroups {
		if _, ok := prior(nil).Groups[g]; ok {
			taken++
		}
	}
	t.Logf("%d of %d events taken, %d of %d articles loaded", taken, len(gotGroups), len(loaded), len(srcs)-1)
	if taken == 0 || taken == len(gotGroups) || len(loaded) >= len(srcs)-1 {
		t.Errorf("%d of %d events taken from the prior timeline, %d of %d articles loaded: the seeds no longer show a partial rebuild",
			taken, len(gotGroups), len(loaded), len(srcs)-1)
	}

	// A prior timeline whose events cannot be had: every event built.
	p := prior(func(i int) ([]extract.Event, error) { return per[i], nil })
	p.Events = func() ([]model.Event, error) { return nil, errors.New("damaged") }
	if got, _, err := Merge(after(), p); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("without the prior's events: %v, equal %v", err, reflect.DeepEqual(got, want))
	}
	// An article that cannot be loaded, or loads other events than its forms.
	if _, _, err := Merge(after(), prior(func(int) ([]extract.Event, error) { return nil, errors.New("gone") })); err == nil {
		t.Error("an article that could not be loaded did not fail the merge")
	}
	if _, _, err := Merge(after(), prior(func(i int) ([]extract.Event, error) { return per[i][1:], nil })); err == nil {
		t.Error("an article loaded with fewer events than its forms did not fail the merge")
	}
	if _, _, err := Merge(after(), nil); err == nil {
		t.Error("articles given by their forms only, with nothing to load them, did not fail the merge")
	}
}

// TestInstantsCompareAsTimes: the sweep's instants order, test for zero
// and subtract as time.Time does, at the ends of its range too (an
// undated visit's bounds are a day around the zero time).
func TestInstantsCompareAsTimes(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	times := []time.Time{{}, time.Time{}.AddDate(0, 0, -1), time.Time{}.AddDate(0, 0, 1),
		time.Date(2021, 7, 27, 0, 0, 0, 0, time.UTC), time.Date(2021, 7, 27, 0, 0, 0, 1, time.UTC),
		time.Date(2021, 7, 27, 23, 59, 59, 999999999, time.UTC), time.Date(2262, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1677, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2021, 7, 27, 0, 0, 0, 0, time.FixedZone("", 3*3600))}
	for range 2000 {
		times = append(times, time.Unix(r.Int64N(1<<36)-1<<35, r.Int64N(1e9)).UTC())
	}
	base := time.Date(2021, 7, 27, 0, 0, 0, 0, time.UTC)
	for range 500 { // near one another, to the nanosecond
		times = append(times, base.Add(time.Duration(r.Int64N(40*24*int64(time.Hour)))-20*24*time.Hour))
	}
	durations := []time.Duration{-14 * 24 * time.Hour, statementGap, 0, -time.Nanosecond, time.Nanosecond, -1500 * time.Millisecond}
	for i, a := range times {
		ia := instantOf(a)
		if ia.isZero() != a.IsZero() {
			t.Fatalf("%v: zero %v, instant says %v", a, a.IsZero(), ia.isZero())
		}
		for j := range 40 {
			b := times[(i*7+j*13)%len(times)]
			ib := instantOf(b)
			if ia.before(ib) != a.Before(b) {
				t.Fatalf("%v before %v: %v, instants say %v", a, b, a.Before(b), ia.before(ib))
			}
			for _, d := range durations {
				if subBefore(ia, ib, d) != (a.Sub(b) < d) {
					t.Fatalf("%v - %v < %v: %v, instants say %v", a, b, d, a.Sub(b) < d, subBefore(ia, ib, d))
				}
			}
		}
	}
}

// TestBehind: a group the sweep stops trying (behind) fits no report
// starting then or later, whatever group that report is in already (its
// window starts no earlier than the report), undated groups and reports
// included; and the test lets through groups that may still fit.
func TestBehind(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	day := func() instant {
		if rng.IntN(8) == 0 {
			return instantOf(time.Time{}) // undated
		}
		return instantOf(base.Add(time.Duration(rng.IntN(90*24)) * time.Hour))
	}
	stopped, kept := 0, 0
	for range 200000 {
		r := window{lo: day(), hi: day()}
		lo := day()
		// The report's group: its window starts at the report or later.
		own := window{lo: lo, hi: day()}
		if !lo.isZero() && rng.IntN(2) == 0 {
			own.lo = instantOf(time.Unix(lo.sec, 0).Add(time.Duration(rng.IntN(20*24)) * time.Hour))
		}
		if behind(r, lo) {
			stopped++
			if fits(nil, own.join(r), nil, nil, nil, nil) {
				t.Fatalf("group %+v is behind %+v but fits the report's group %+v", r, lo, own)
			}
		} else {
			kept++
		}
	}
	if stopped < 1000 || kept < 1000 {
		t.Fatalf("%d behind, %d not: the test no longer tells", stopped, kept)
	}
}

// TestRefuses holds the sweep's cheap test of two groups to fits: a pair
// of groups it refuses never fits. The groups are random reports made one
// the way the sweep makes them (every two of a group compatible).
func TestRefuses(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	pick := func(opts ...string) string { return opts[rng.IntN(len(opts))] }
	set := func(n int) keySet {
		var s keySet
		for k := range int32(n) {
			if rng.IntN(2) == 0 {
				s.add(k + 1)
			}
		}
		return s
	}
	article := int32(0)
	report := func(typ model.EventType) *item {
		article++
		it := &item{article: article, typ: typ, phone: rng.IntN(4) == 0, country: pick("", "", "a", "b")}
		it.placeKey = pick("", "x", "y")
		it.placed = it.placeKey != ""
		it.atPlace = it.placed && rng.IntN(3) > 0
		it.agents, it.people = set(3), set(4)
		it.parties = slices.Clone(it.people)
		it.parties.add(9)
		if rng.IntN(6) > 0 { // else undated
			it.lo = base.AddDate(0, 0, rng.IntN(20))
			it.hi = it.lo.AddDate(0, 0, rng.IntN(3))
		}
		if typ == model.Statement {
			it.words = slices.Sorted(slices.Values([]string{pick("a", "b"), pick("c", "d"), pick("e", "f")}))
		}
		return it
	}
	countries := map[string]int32{}
	var items []*item
	group := func(typ model.EventType) (reps []int, w window, tr traits) {
		for range 1 + rng.IntN(3) {
			it := report(typ)
			if !slices.ContainsFunc(reps, func(x int) bool { return !compatible(items[x], it) || !compatible(it, items[x]) }) {
				items = append(items, it)
				reps = append(reps, len(items)-1)
			}
		}
		for k, x := range reps {
			v := window{lo: instantOf(items[x].lo), hi: instantOf(items[x].hi), end: instantOf(items[x].hi)}
			if k == 0 {
				w, tr = v, traitsOf(items[x], countries)
			} else {
				w, tr = w.join(v), tr.join(traitsOf(items[x], countries))
			}
		}
		return reps, w, tr
	}
	refused, fitting := 0, 0
	for range 100000 {
		typ := []model.EventType{model.Visit, model.Talks, model.Statement}[rng.IntN(3)]
		items = items[:0]
		repsA, wa, ta := group(typ)
		repsB, wb, tb := group(typ)
		if len(repsA) == 0 || len(repsB) == 0 {
			continue
		}
		fit := fits(items, wa.join(wb), nil, nil, repsA, repsB)
		if fit {
			fitting++
		}
		if ta.refuses(tb, wa, wb) {
			refused++
			if fit {
				a, b := items[repsA[0]], items[repsB[0]]
				t.Fatalf("refused groups that fit: %+v %+v (windows %+v %+v; first reports %+v %+v)", ta, tb, wa, wb, *a, *b)
			}
		}
	}
	if refused < 1000 || fitting < 1000 {
		t.Fatalf("%d refused, %d fitting: the test no longer tells", refused, fitting)
	}
}

// TestSummary: a title names who, where and what; an event told without
// its actors reads without them, with no gap where they would be.
func TestSummary(t *testing.T) {
	bothSides := []model.Actor{{Name: "عبد المجيد تبون"}, {Name: "قيس سعيد"}}
	for _, c := range []struct {
		ev   model.Event
		gist string
		want string
	}{
		{model.Event{Type: model.Talks, Actors: bothSides, Place: "تونس"}, "", "محادثات عبد المجيد تبون وقيس سعيد في تونس"},
		{model.Event{Type: model.Talks, Place: "أبوظبي"}, "", "محادثات في أبوظبي"},
		{model.Event{Type: model.Visit, Place: "موسكو"}, "", "زيارة إلى موسكو"},
		{model.Event{Type: model.Visit, Actors: bothSides[:1]}, "", "زيارة عبد المجيد تبون"},
		{model.Event{Type: model.Statement, Actors: bothSides[1:]}, "العلاقات متينة", "قيس سعيد: العلاقات متينة"},
		{model.Event{Type: model.Statement}, "العلاقات متينة", "تصريح: العلاقات متينة"},
	} {
		if got := Summary(&c.ev, c.gist); got != c.want {
			t.Errorf("Summary(%+v, %q) = %q, want %q", c.ev, c.gist, got, c.want)
		}
	}
	planned := model.Event{Type: model.Talks, Status: model.Planned}
	if got := Summary(&planned, ""); got != "محادثات مرتقبة" {
		t.Errorf("planned talks without actors or place: %q", got)
	}
}
