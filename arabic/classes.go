package arabic

// Classes is the set of word classes some reading of a word belongs to: a
// lexicon's cue sets, the first words of its phrase tables, the
// extractor's grammar words. A Classifier computes it once per distinct
// word (the Cache keeps it with the word's analyses), so that asking
// whether a token is in a set costs a bit test instead of a map lookup per
// reading, which is most of what extraction did.
type Classes [3]uint64

// MaxClasses is the number of classes a Classes can hold; sets beyond it
// are looked up word by word.
const MaxClasses = 3 * 64

// Has reports whether class bit is set.
func (c *Classes) Has(bit int) bool { return c[bit>>6]&(1<<(bit&63)) != 0 }

// Set adds class bit.
func (c *Classes) Set(bit int) { c[bit>>6] |= 1 << (bit & 63) }

// Add adds every class of o.
func (c *Classes) Add(o Classes) {
	for i := range c {
		c[i] |= o[i]
	}
}

// A Classifier gives the classes of a word from its readings. Tokens
// remember which classifier classified them: a set asks its bit only of
// tokens classified by the classifier that knows it.
type Classifier interface {
	Classify(an []Analysis) Classes
}

// Meets reports whether c and o share a class.
func (c *Classes) Meets(o Classes) bool {
	for i := range c {
		if c[i]&o[i] != 0 {
			return true
		}
	}
	return false
}
