package prom

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	v1 "github.com/prometheus/client_golang/api/prometheus/v1"
)

// MaxAnswerBytes bounds an answer Get reads (a server's every metric name, or a label's every value).
const MaxAnswerBytes = 16 << 20

// getPaths are the API paths Get reads: label names, one label's values and instant queries.
var getPaths = regexp.MustCompile(`^/api/v1/(labels|query|label/[^/?#.][^/?#]*/values)$`)

// Get sends GET path?params (in order) to the Prometheus HTTP API, in a pool slot under the client's timeout,
// and returns the answer's data. Only label names (/api/v1/labels), a label's values
// (/api/v1/label/<name>/values) and instant queries (/api/v1/query) can be read, and at most MaxAnswerBytes
// of an answer. Failures are messages for users, with the datasource's secrets scrubbed.
func (c *Client) Get(ctx context.Context, path string, params [][2]string) (json.RawMessage, error) {
	if !getPaths.MatchString(path) {
		return nil, &Error{Msg: fmt.Sprintf("%q is not an API path PerfScope reads", path)}
	}
	query := make([]string, len(params))
	for i, p := range params {
		query[i] = url.QueryEscape(p[0]) + "=" + url.QueryEscape(p[1])
	}
	var data json.RawMessage
	err := c.call(ctx, func(ctx context.Context) error {
		u := c.raw.URL(path, nil)
		u.RawQuery = strings.Join(query, "&")
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
		if err != nil {
			return err
		}
		req.Header.Set("Accept", "application/json")
		resp, err := c.http.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(io.LimitReader(resp.Body, MaxAnswerBytes+1))
		if err != nil {
			return err
		}
		if len(body) > MaxAnswerBytes {
			return &Error{Msg: fmt.Sprintf("Prometheus at %s answered %s with more than %d MiB", c.base, path, MaxAnswerBytes>>20), Downstream: true}
		}
		data, err = apiData(resp.StatusCode, body)
		return err
	})
	return data, err
}

// apiData is the data of a Prometheus API answer, or its error as client_golang reports it (so the client's
// messages apply: a bad query is the query's fault, the rest the server's).
func apiData(status int, body []byte) (json.RawMessage, error) {
	var answer struct {
		Status    string          `json:"status"`
		Data      json.RawMessage `json:"data"`
		ErrorType v1.ErrorType    `json:"errorType"`
		Error     string          `json:"error"`
	}
	if json.Unmarshal(body, &answer) != nil || (answer.Status != "success" && answer.Status != "error") {
		kind := v1.ErrBadResponse
		switch status / 100 {
		case 4:
			kind = v1.ErrClient
		case 5:
			kind = v1.ErrServer
		}
		return nil, &v1.Error{Type: kind, Msg: fmt.Sprintf("HTTP %d, not a Prometheus API answer", status), Detail: string(body)}
	}
	switch {
	case answer.Status == "error" && answer.ErrorType == v1.ErrBadData:
		return nil, &v1.Error{Type: v1.ErrBadData, Msg: answer.Error}
	case answer.Status == "error":
		return nil, &v1.Error{Type: answer.ErrorType, Msg: fmt.Sprintf("%s (HTTP %d)", answer.ErrorType, status), Detail: string(body)}
	}
	return answer.Data, nil
}
