import { describe, expect, it } from "vitest";
import { evaluate } from "../../support/formula.js";

/** Expected values: Excel's documentation examples (support.microsoft.com, each function's page) unless noted. */
describe("text functions follow Excel", () => {
  const cells = { A1: "a", A2: "b", A4: "d", B1: 1, B2: true };

  it.each([
    ['UPPER("total")', "TOTAL"],
    ['LOWER("E. E. Cummings")', "e. e. cummings"],
    ['PROPER("this is a TITLE")', "This Is A Title"],
    ['PROPER("2-way street")', "2-Way Street"],
    ['PROPER("76BudGet")', "76Budget"],
    // Excel's TRIM: spaces only, inner runs to one.
    ['TRIM(" First Quarter   Earnings ")', "First Quarter Earnings"],
    ['FIND("M","Miriam McGovern")', 1],
    ['FIND("m","Miriam McGovern")', 6],
    ['FIND("M","Miriam McGovern",3)', 8],
    ['SEARCH("e","Statements",6)', 7],
    ['SEARCH("margin","Profit Margin")', 8],
    ['SEARCH("p?o","Profit")', 1],
    ['SEARCH("f*t","Profit")', 4],
    ['SEARCH("~*","a*b")', 2],
    ['SUBSTITUTE("Sales Data","Sales","Cost")', "Cost Data"],
    ['SUBSTITUTE("Quarter 1, 2008","1","2",1)', "Quarter 2, 2008"],
    ['SUBSTITUTE("Quarter 1, 2011","1","2",3)', "Quarter 1, 2012"],
    ['REPLACE("abcdefghijk",6,5,"*")', "abcde*k"],
    ['REPLACE("2009",3,2,"10")', "2010"],
    ['REPT("*-",3)', "*-*-*-"],
    ['EXACT("word","word")', true],
    ['EXACT("Word","word")', false],
    ["CHAR(65)", "A"],
    ['CODE("A")', 65],
    ['CONCAT("The"," ","sun")', "The sun"],
    // Microsoft's TEXTJOIN and CONCAT pages: a range is joined across each row, then down; ignore_empty TRUE skips empty cells, FALSE keeps them as empty text.
    ["CONCAT(A1:B2)", "a1bTRUE"],
    ['TEXTJOIN("-",TRUE,A1:A4)', "a-b-d"],
    ['TEXTJOIN("-",FALSE,A1:A4)', "a-b--d"],
  ])("%s is %j", (f, v) => {
    expect(evaluate(f, cells)).toEqual(v);
  });

  it.each([
    ['FIND("z","abc")', "#VALUE!"],
    ['FIND("a","abc",0)', "#VALUE!"],
    ['SEARCH("a","abc",9)', "#VALUE!"],
    ['REPT("a",-1)', "#VALUE!"],
    ['REPLACE("abc",0,1,"x")', "#VALUE!"],
    ['SUBSTITUTE("abc","a","x",0)', "#VALUE!"],
    ["CHAR(0)", "#VALUE!"],
    ['CODE("")', "#VALUE!"],
    ["UPPER(1/0)", "#DIV/0!"],
  ])("%s gives %s", (f, code) => {
    expect(evaluate(f, cells)).toEqual({ error: code });
  });
});
