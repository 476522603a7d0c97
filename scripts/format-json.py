#!/usr/bin/env python3
"""Writes model JSON in the repository's style: 2-space indent, small flat objects and arrays of scalars on one line."""
import json, sys

def fmt(v, ind=0):
    sp = '  ' * ind
    if isinstance(v, dict):
        if v and all(not isinstance(x, (dict, list)) for x in v.values()) and len(json.dumps(v, ensure_ascii=False)) < 100:
            return '{ ' + ', '.join(f'{json.dumps(k)}: {json.dumps(x, ensure_ascii=False)}' for k, x in v.items()) + ' }'
        if not v: return '{}'
        return '{\n' + ',\n'.join(f'{sp}  {json.dumps(k)}: {fmt(x, ind + 1)}' for k, x in v.items()) + f'\n{sp}}}'
    if isinstance(v, list):
        if all(not isinstance(x, (dict, list)) for x in v) and len(json.dumps(v, ensure_ascii=False)) < 100:
            return '[' + ', '.join(json.dumps(x, ensure_ascii=False) for x in v) + ']'
        if not v: return '[]'
        return '[\n' + ',\n'.join(f'{sp}  {fmt(x, ind + 1)}' for x in v) + f'\n{sp}]'
    return json.dumps(v, ensure_ascii=False)

for path in sys.argv[1:]:
    data = json.load(open(path))
    open(path, 'w').write(fmt(data) + '\n')
