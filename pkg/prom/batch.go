package prom

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/prometheus/common/model"

	"github.com/perfscope/perfscope/pkg/share"
)

// Batch is one request's view of the client: identical queries (same expression, time span and step) are
// sent once and their result is shared. Results are shared read-only.
type Batch struct {
	c      *Client
	shared *Shared
	mu     sync.Mutex
	calls  map[batchKey]*batchCall
}

// Shared is what alert queries share across requests: Grafana evaluates a group's rules at one instant, and
// rules asking for the same measure at other thresholds send the same PromQL (pkg/share).
type Shared = share.Cache[answer]

type answer struct {
	matrix model.Matrix
	vector model.Vector
}

// Answers are shared for one evaluation interval of PerfScope's rules, within a budget of 32 MiB (their
// samples and labels as counted by size).
const (
	sharedFor   = time.Minute
	sharedBytes = 32 << 20
)

// NewShared makes a datasource's cache of alert answers.
func NewShared() *Shared { return share.New[answer](sharedFor, sharedBytes) }

// Share makes the batch fetch through s: each distinct query once across the requests that share s.
func (b *Batch) Share(s *Shared) { b.shared = s }

type batchKey struct {
	expr             string
	start, end, step int64
}

func (k batchKey) shared() share.Key {
	return share.Key{Expr: k.expr, Start: k.start, End: k.end, Step: k.step}
}

type batchCall struct {
	done chan struct{}
	answer
	err error
}

// ErrInternal is a query's error when PerfScope's own code panicked; the plugin log has the details.
var ErrInternal = errors.New("internal error in the PerfScope datasource; the plugin log has details")

// NewBatch starts a request's deduplicating view of c.
func (c *Client) NewBatch() *Batch { return &Batch{c: c, calls: map[batchKey]*batchCall{}} }

func (b *Batch) do(ctx context.Context, k batchKey, run func(*batchCall)) *batchCall {
	b.mu.Lock()
	call, found := b.calls[k]
	if !found {
		call = &batchCall{done: make(chan struct{})}
		b.calls[k] = call
	}
	b.mu.Unlock()
	if !found {
		runOnce(call, run)
		return call
	}
	select {
	case <-call.done:
		return call
	case <-ctx.Done():
		return &batchCall{err: b.c.explain(ctx, ctx.Err())}
	}
}

// runOnce runs the call for every query waiting on it. A panic still closes done, so the others get an error
// instead of waiting forever, and goes on to the caller's recover.
func runOnce(call *batchCall, run func(*batchCall)) {
	defer close(call.done)
	defer func() {
		if p := recover(); p != nil {
			call.answer, call.err = answer{}, &Error{Msg: ErrInternal.Error(), Err: ErrInternal}
			panic(p)
		}
	}()
	run(call)
}

// fetch answers k once per batch, through the cache shared across requests when the batch has one.
func (b *Batch) fetch(ctx context.Context, k batchKey, get func(context.Context) (answer, error)) (answer, error) {
	call := b.do(ctx, k, func(call *batchCall) {
		if b.shared == nil {
			call.answer, call.err = get(ctx)
			return
		}
		call.answer, call.err = b.shared.Fetch(ctx, k.shared(), func(ctx context.Context) (answer, int64, error) {
			a, err := get(ctx)
			return a, matrixSize(a.matrix) + vectorSize(a.vector), err
		})
	})
	return call.answer, call.err
}

// QueryRange is Client.QueryRange, sent once per distinct query in the batch.
func (b *Batch) QueryRange(ctx context.Context, expr string, r Range) (model.Matrix, error) {
	k := batchKey{expr: expr, start: r.Start.UnixMilli(), end: r.End.UnixMilli(), step: int64(r.Step)}
	a, err := b.fetch(ctx, k, func(ctx context.Context) (answer, error) {
		m, err := b.c.QueryRange(ctx, expr, r)
		return answer{matrix: m}, err
	})
	return a.matrix, err
}

// Query is Client.Query, sent once per distinct query in the batch.
func (b *Batch) Query(ctx context.Context, expr string, ts time.Time) (model.Vector, error) {
	k := batchKey{expr: expr, start: ts.UnixMilli(), end: ts.UnixMilli()}
	a, err := b.fetch(ctx, k, func(ctx context.Context) (answer, error) {
		v, err := b.c.Query(ctx, expr, ts)
		return answer{vector: v}, err
	})
	return a.vector, err
}

// About what an answer holds in memory: 16 bytes a sample, its labels' bytes and some for each series.
func matrixSize(m model.Matrix) int64 {
	var n int64
	for _, s := range m {
		n += 64 + 16*int64(len(s.Values)) + metricSize(s.Metric)
	}
	return n
}

func vectorSize(v model.Vector) int64 {
	var n int64
	for _, s := range v {
		n += 64 + 16 + metricSize(s.Metric)
	}
	return n
}

func metricSize(m model.Metric) int64 {
	var n int64
	for k, v := range m {
		n += int64(len(k) + len(v) + 32)
	}
	return n
}
