package scoring

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// object is a decoded JSON object.
type object map[string]any

// get returns the field's value and whether it is present (a JSON null is present, with a nil value).
func (o object) get(field string) (any, bool) {
	v, ok := o[field]
	return v, ok
}

// decodeJSON reads one JSON document into nil, bool, float64, string, []any and object values; numbers out
// of float64's range become ±Inf, as in JavaScript, which validation then rejects.
func decodeJSON(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("unexpected data after the JSON document")
	}
	return v, nil
}

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			list := []any{}
			for dec.More() {
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				list = append(list, v)
			}
			_, err := dec.Token()
			return list, err
		}
		obj := object{}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return nil, err
			}
			key := kt.(string)
			v, err := decodeValue(dec)
			if err != nil {
				return nil, err
			}
			obj[key] = v
		}
		_, err := dec.Token()
		return obj, err
	case json.Number:
		f, _ := t.Float64()
		return f, nil
	default:
		return t, nil
	}
}
