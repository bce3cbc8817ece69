package server

import (
	"io"
	"sync"
	"time"

	"khatt/ui"
)

// sessionInput reads a session's input in one goroutine, so that the probe
// of the client's terminal can wait for answers with a hard deadline (a
// session's Read has none), and hands everything else (keys typed early
// among them) to the reader.
type sessionInput struct {
	ch      chan []byte
	mu      sync.Mutex
	pending []byte
}

// inputChunks bounds what is read ahead of the reader: a client that
// floods the session waits rather than fills the server's memory.
const inputChunks = 16

func newSessionInput(r io.Reader) *sessionInput {
	in := &sessionInput{ch: make(chan []byte, inputChunks)}
	go func() {
		defer close(in.ch)
		for {
			buf := make([]byte, 1024)
			n, err := r.Read(buf)
			if n > 0 {
				in.ch <- buf[:n]
			}
			if err != nil {
				return
			}
		}
	}()
	return in
}

// Read gives the reader what the probe left, then the session's input.
func (in *sessionInput) Read(p []byte) (int, error) {
	in.mu.Lock()
	if len(in.pending) > 0 {
		n := copy(p, in.pending)
		in.pending = in.pending[n:]
		in.mu.Unlock()
		return n, nil
	}
	in.mu.Unlock()
	b, ok := <-in.ch
	if !ok {
		return 0, io.EOF
	}
	n := copy(p, b)
	if n < len(b) {
		in.mu.Lock()
		in.pending = append(in.pending, b[n:]...)
		in.mu.Unlock()
	}
	return n, nil
}

// probe asks the client's terminal what ui.ProbeTerminal asks a local one,
// through the session, and waits at most timeout: a client that answers
// nothing costs the timeout, never a hang. What came that is no answer is
// kept for the reader.
func (in *sessionInput) probe(w io.Writer, timeout time.Duration) ui.Probe {
	if _, err := io.WriteString(w, ui.Queries); err != nil {
		return ui.Probe{BDSM: -1}
	}
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	var got []byte
	draining := false
collect:
	for len(got) < 8192 {
		select {
		case b, ok := <-in.ch:
			if !ok {
				break collect
			}
			got = append(got, b...)
			if !draining && ui.AnswersDone(string(got)) {
				draining = true // answers may come out of order: a moment for the rest
				deadline.Reset(25 * time.Millisecond)
			}
		case <-deadline.C:
			break collect
		}
	}
	in.mu.Lock()
	in.pending = append(in.pending, ui.StripAnswers(string(got))...)
	in.mu.Unlock()
	return ui.ParseAnswers(string(got))
}
