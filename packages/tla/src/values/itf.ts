/**
 * ITF (Informal Trace Format, Apalache/Quint) JSON for values: booleans and strings as JSON,
 * integers as `{"#bigint": "123"}`, sets as `{"#set": [...]}` (TLC order), tuples/sequences as
 * `{"#tup": [...]}`, records as plain objects, other functions as `{"#map": [[k, v], ...]}`, model
 * values and infinite sets as `{"#unserializable": "<TLC text>"}`.
 */
import { normalizedElems } from './compare.js';
import { materializeFcn } from './functions.js';
import { valueToString } from './print.js';
import { toSetEnum } from './sets.js';
import { type FcnRcdValue, Kind, type Value } from './value.js';

/** An ITF JSON value. */
export type ItfValue =
  | boolean
  | string
  | { '#bigint': string }
  | { '#set': ItfValue[] }
  | { '#tup': ItfValue[] }
  | { '#map': [ItfValue, ItfValue][] }
  | { '#unserializable': string }
  | { [field: string]: ItfValue };

function fcnToItf(f: FcnRcdValue): ItfValue {
  const n = f.values.length;
  const dom = f.domain;
  let isSeq = !Number.isNaN(f.intLo) ? f.intLo === 1 || n === 0 : true;
  if (Number.isNaN(f.intLo)) for (let i = 0; i < n && isSeq; i++) isSeq = dom[i] === i + 1;
  if (isSeq) return { '#tup': f.values.map(toItf) };
  let isRcd = Number.isNaN(f.intLo);
  for (let i = 0; i < n && isRcd; i++) {
    const d = dom[i];
    isRcd = typeof d === 'object' && d.kind === Kind.Str;
  }
  if (isRcd) {
    const o: { [field: string]: ItfValue } = {};
    for (let i = 0; i < n; i++) o[(dom[i] as { s: string }).s] = toItf(f.values[i]);
    return o;
  }
  return { '#map': dom.map((d, i) => [toItf(d), toItf(f.values[i])] as [ItfValue, ItfValue]) };
}

/** The ITF JSON form of `v`. */
export function toItf(v: Value): ItfValue {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return { '#bigint': String(v) };
  switch (v.kind) {
    case Kind.Str:
      return v.s;
    case Kind.Model:
      return { '#unserializable': v.name };
    case Kind.SetEnum:
      return { '#set': normalizedElems(v).map(toItf) };
    case Kind.InfSet:
    case Kind.SeqSet:
    case Kind.Op:
      return { '#unserializable': valueToString(v) };
    case Kind.Tuple:
      return { '#tup': v.elems.map(toItf) };
    case Kind.Record: {
      const o: { [field: string]: ItfValue } = {};
      for (let i = 0; i < v.names.length; i++) o[v.names[i].s] = toItf(v.values[i]);
      return o;
    }
    case Kind.Fcn:
      return fcnToItf(v);
    case Kind.FcnLambda:
      return fcnToItf(materializeFcn(v));
    default:
      return { '#set': normalizedElems(toSetEnum(v)).map(toItf) };
  }
}
