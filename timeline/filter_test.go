package timeline

import (
	"testing"

	"khatt/model"
)

func TestFilterByConfidence(t *testing.T) {
	evs := []model.Event{{ID: "a", Confidence: 0.2}, {ID: "b", Confidence: 0.5}, {ID: "c", Confidence: 0.9}}
	for _, c := range []struct {
		min  float64
		want int
	}{{0, 3}, {0.3, 2}, {0.5, 2}, {0.95, 0}} {
		if got := (Filter{MinConfidence: c.min}).Apply(evs); len(got) != c.want {
			t.Errorf("min %v: %d events, want %d", c.min, len(got), c.want)
		}
	}
	f, err := ParseFilter("type:visit confidence:60%")
	if err != nil || f.MinConfidence != 0.6 {
		t.Errorf("confidence:60%%: %v %v", f.MinConfidence, err)
	}
	if f, err := ParseFilter("ثقة:0.4"); err != nil || f.MinConfidence != 0.4 {
		t.Errorf("ثقة:0.4: %v %v", f.MinConfidence, err)
	}
	for _, bad := range []string{"confidence:abc", "confidence:-1", "confidence:250"} {
		if _, err := ParseFilter(bad); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}
