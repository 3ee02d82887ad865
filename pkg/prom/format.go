package prom

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// CheckSyntax asks Prometheus' parser (/api/v1/format_query) whether expr is syntactically valid PromQL. It
// returns the parser's words when it is not, and an error when Prometheus could not be asked.
func (c *Client) CheckSyntax(ctx context.Context, expr string) (problem string, err error) {
	err = c.call(ctx, func(ctx context.Context) error {
		u := c.raw.URL("/api/v1/format_query", nil)
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(),
			strings.NewReader(url.Values{"query": {expr}}.Encode()))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, body, err := c.raw.Do(ctx, req) //nolint:bodyclose // api.Client.Do reads and closes the body
		if err != nil {
			return err
		}
		var r struct {
			Status    string `json:"status"`
			ErrorType string `json:"errorType"`
			Error     string `json:"error"`
		}
		if jerr := json.Unmarshal(body, &r); jerr != nil {
			return fmt.Errorf("format_query answered %s, which is not Prometheus' API", resp.Status)
		}
		if r.Status != "success" {
			if r.ErrorType == "bad_data" {
				problem = strings.TrimPrefix(r.Error, `invalid parameter "query": `)
				if typeCheck(problem) {
					problem = ""
				}
				return nil
			}
			return fmt.Errorf("format_query: %s", r.Error)
		}
		return nil
	})
	return problem, err
}

// typeChecks are the words of Prometheus' type checker, which runs after its parser. src/scoring checks syntax
// only (and template variables, replaced by 1 or 5m, can upset types), so both sides flag the same queries;
// Prometheus still reports type errors when the query runs.
var typeChecks = []string{
	"must use BOOL modifier", "not allowed in binary scalar expression", "only allowed between instant vectors",
	"must contain only scalar and instant vector types", "expected type", "bool modifier can only be used",
	"no grouping allowed",
}

func typeCheck(problem string) bool {
	for _, words := range typeChecks {
		if strings.Contains(problem, words) {
			return true
		}
	}
	return false
}
