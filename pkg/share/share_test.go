package share

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// newCache keeps answers for a minute, an evaluation interval of PerfScope's rules.
func newCache(maxBytes int64) (*Cache[string], *clock) {
	c := New[string](time.Minute, maxBytes)
	clk := &clock{t: time.Unix(1769817600, 0)}
	c.now = clk.now
	return c, clk
}

var key = Key{Expr: `sum by (service) (rate(http_requests_total[5m]))`, Start: 1, End: 2, Step: 60000}

func answer(v string, size int64, calls *atomic.Int64) func(context.Context) (string, int64, error) {
	return func(context.Context) (string, int64, error) {
		calls.Add(1)
		return v, size, nil
	}
}

func TestConcurrentIdenticalQueriesAreFetchedOnce(t *testing.T) {
	c, _ := newCache(1 << 20)
	var calls atomic.Int64
	release := make(chan struct{})
	slow := func(ctx context.Context) (string, int64, error) {
		calls.Add(1)
		<-release
		return "answer", 10, ctx.Err()
	}
	var wg sync.WaitGroup
	got := make([]string, 9)
	started := make(chan struct{}, 9)
	for i := range got {
		wg.Go(func() {
			started <- struct{}{}
			got[i], _ = c.Fetch(context.Background(), key, slow)
		})
	}
	for range got {
		<-started
	}
	time.Sleep(20 * time.Millisecond) // let the eight joiners reach the wait
	close(release)
	wg.Wait()
	if calls.Load() != 1 {
		t.Fatalf("nine identical queries fetched %d times, want 1", calls.Load())
	}
	for i, v := range got {
		if v != "answer" {
			t.Errorf("caller %d got %q", i, v)
		}
	}
}

func TestAnswersAreKeptForTheirTimeOnly(t *testing.T) {
	c, clk := newCache(1 << 20)
	var calls atomic.Int64
	for range 3 {
		if v, err := c.Fetch(context.Background(), key, answer("a", 10, &calls)); v != "a" || err != nil {
			t.Fatalf("got %q, %v", v, err)
		}
	}
	other := key
	other.End += 60000 // the next evaluation asks for another time: another query
	_, _ = c.Fetch(context.Background(), other, answer("b", 10, &calls))
	if calls.Load() != 2 {
		t.Fatalf("fetched %d times, want 2 (one per distinct query)", calls.Load())
	}
	clk.t = clk.t.Add(time.Minute)
	_, _ = c.Fetch(context.Background(), key, answer("a", 10, &calls))
	if calls.Load() != 3 {
		t.Fatalf("an answer past its time was used again (%d fetches, want 3)", calls.Load())
	}
}

func TestErrorsAreNotKept(t *testing.T) {
	c, _ := newCache(1 << 20)
	var calls atomic.Int64
	failing := func(context.Context) (string, int64, error) {
		calls.Add(1)
		return "", 0, errors.New("Prometheus answered 503")
	}
	for range 2 {
		if _, err := c.Fetch(context.Background(), key, failing); err == nil {
			t.Fatal("an error went missing")
		}
	}
	if calls.Load() != 2 || c.Len() != 0 {
		t.Fatalf("an error was kept: %d fetches, %d kept", calls.Load(), c.Len())
	}
}

func TestTheByteBudgetForgetsTheLeastRecentlyUsed(t *testing.T) {
	c, _ := newCache(100)
	var calls atomic.Int64
	keys := []Key{{Expr: "a"}, {Expr: "b"}, {Expr: "c"}, {Expr: "d"}, {Expr: "e"}}
	for _, k := range keys[:4] {
		_, _ = c.Fetch(context.Background(), k, answer(k.Expr, 25, &calls))
	}
	_, _ = c.Fetch(context.Background(), keys[0], answer("a", 25, &calls)) // a is used again: b is now the oldest
	_, _ = c.Fetch(context.Background(), keys[4], answer("e", 25, &calls))
	if c.used > 100 || c.Len() != 4 {
		t.Fatalf("%d bytes kept in %d answers, budget 100", c.used, c.Len())
	}
	before := calls.Load()
	_, _ = c.Fetch(context.Background(), keys[0], answer("a", 25, &calls))
	_, _ = c.Fetch(context.Background(), keys[1], answer("b", 25, &calls))
	if calls.Load()-before != 1 {
		t.Fatalf("want a kept and b forgotten: %d fetches", calls.Load()-before)
	}
	_, _ = c.Fetch(context.Background(), Key{Expr: "huge"}, answer("huge", 26, &calls))
	if _, kept := c.entries[Key{Expr: "huge"}]; kept {
		t.Fatal("an answer over a quarter of the budget was kept")
	}
}

func TestAWaitEndsWithTheCallersOwnContext(t *testing.T) {
	c, _ := newCache(1 << 20)
	release := make(chan struct{})
	defer close(release)
	go func() {
		_, _ = c.Fetch(context.Background(), key, func(context.Context) (string, int64, error) {
			<-release
			return "late", 1, nil
		})
	}()
	for c.Len() == 0 {
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := c.Fetch(ctx, key, nil); !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > time.Second {
		t.Fatalf("waited %s for %v", time.Since(start), err)
	}
}

func TestAJoinerFetchesItselfWhenTheFetcherGaveUp(t *testing.T) {
	c, _ := newCache(1 << 20)
	first, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	go func() {
		_, _ = c.Fetch(first, key, func(ctx context.Context) (string, int64, error) {
			close(started)
			<-ctx.Done()
			return "", 0, ctx.Err()
		})
	}()
	<-started
	var calls atomic.Int64
	done := make(chan string)
	go func() {
		v, _ := c.Fetch(context.Background(), key, answer("own", 1, &calls))
		done <- v
	}()
	time.Sleep(10 * time.Millisecond)
	cancel()
	if v := <-done; v != "own" || calls.Load() != 1 {
		t.Fatalf("the joiner got %q after %d fetches of its own", v, calls.Load())
	}
}

func TestAPanicReleasesTheWaiters(t *testing.T) {
	c, _ := newCache(1 << 20)
	started := make(chan struct{})
	release := make(chan struct{})
	go func() {
		defer func() { _ = recover() }()
		_, _ = c.Fetch(context.Background(), key, func(context.Context) (string, int64, error) {
			close(started)
			<-release
			panic("decoder bug")
		})
	}()
	<-started
	result := make(chan error)
	go func() {
		_, err := c.Fetch(context.Background(), key, nil)
		result <- err
	}()
	time.Sleep(10 * time.Millisecond)
	close(release)
	select {
	case err := <-result:
		if err == nil {
			t.Fatal("a waiter got no error from a fetch that panicked")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a waiter was left waiting after the fetch panicked")
	}
	if c.Len() != 0 {
		t.Fatal("a panicked fetch was kept")
	}
}
