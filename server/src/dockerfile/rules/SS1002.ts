import { familiarName } from '../../image/reference';
import { findEol } from '../data/eol';
import { dockerfileRuleMeta, type DockerfileRule } from '../rule';

/** SS1002: the base image is a release past end of life, or a deprecated image (data/eol.ts). */
export const SS1002: DockerfileRule = {
  meta: dockerfileRuleMeta('SS1002', 'warning', 'Base image is end-of-life or deprecated'),
  check(context, report) {
    for (const stage of context.stages) {
      const image = stage.image;
      if (!image.reference || !image.range || image.stage || image.scratch || !image.known) continue;
      const eol = findEol(image.reference.repository, image.reference.tag);
      if (!eol) continue;
      const name = `${familiarName(image.reference)}${image.reference.tag ? ':' + image.reference.tag : ''}`;
      report({ range: image.range, message: `Base image "${name}": ${eol.reason} (source: ${eol.source.split(' ; ')[0]})` });
    }
  },
  examples: {
    bad: [
      'FROM centos:7', 'FROM python:2.7-slim', 'FROM node:16-alpine', 'FROM ubuntu:18.04', 'FROM debian:buster-slim',
      'FROM alpine:3.17', 'FROM docker.io/library/debian:10', 'ARG PY=3.6\nFROM python:${PY}', 'FROM python:3.11-slim-buster',
      'FROM openjdk:17',
    ],
    good: [
      'FROM python:3.12-slim', 'FROM node:22-alpine', 'FROM ubuntu:24.04', 'FROM debian:12', 'FROM alpine:3.20',
      'FROM registry.example.com/centos:7', 'FROM node', 'ARG PY\nFROM python:${PY}', 'FROM quay.io/centos/centos:stream9',
    ],
  },
};
