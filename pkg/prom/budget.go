package prom

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync/atomic"
)

// Limits bound what one request to the datasource may read from Prometheus, whatever it answers: the bytes of
// all its answers together (a health query reads one answer per indicator at once, so a cap per answer alone
// would multiply) and the series of any one answer.
type Limits struct {
	AnswerBytes int64
	Series      int
}

// Budget is one request's share of Limits, spent as its answers arrive.
type Budget struct {
	limits Limits
	left   atomic.Int64
}

// NewBudget starts a request's budget.
func NewBudget(l Limits) *Budget {
	b := &Budget{limits: l}
	b.left.Store(l.AnswerBytes)
	return b
}

type budgetKey struct{}

// WithBudget makes the client's calls under ctx spend b.
func WithBudget(ctx context.Context, b *Budget) context.Context {
	return context.WithValue(ctx, budgetKey{}, b)
}

func budgetOf(ctx context.Context) *Budget {
	b, _ := ctx.Value(budgetKey{}).(*Budget)
	return b
}

// TooMuchError is an answer past one of the request's Limits.
type TooMuchError struct{ Msg string }

func (e *TooMuchError) Error() string { return e.Msg }

// tooManySeries is the error of an answer with more series than the limit.
func (b *Budget) tooManySeries(n int) error {
	if b == nil || n <= b.limits.Series {
		return nil
	}
	return &TooMuchError{Msg: fmt.Sprintf("Prometheus answered %d series for one query, more than the %d the datasource allows (Max series in its settings): narrow the query, e.g. to fewer services", n, b.limits.Series)}
}

// budgetTransport makes the bodies of answers under a budget spend it as they are read, and fail once it is spent.
type budgetTransport struct{ next http.RoundTripper }

func (t budgetTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if b := budgetOf(req.Context()); err == nil && b != nil {
		resp.Body = &budgetBody{ReadCloser: resp.Body, b: b}
	}
	return resp, err
}

type budgetBody struct {
	io.ReadCloser
	b *Budget
}

func (r *budgetBody) Read(p []byte) (int, error) {
	n, err := r.ReadCloser.Read(p)
	if r.b.left.Add(-int64(n)) < 0 {
		return 0, &TooMuchError{Msg: fmt.Sprintf("Prometheus's answers to this query passed %d MiB, the most the datasource reads for one request (Max answer size in its settings): narrow the query, e.g. to fewer services or a shorter range", r.b.limits.AnswerBytes>>20)}
	}
	return n, err
}
