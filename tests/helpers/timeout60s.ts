// Jest setup for the browser and package projects (jest.config.js): 60 s per test and hook instead of 5 s.
jest.setTimeout(60000);
