import { describe, expect, it } from 'vitest';
import { at, classifyJson } from '../helpers/classify-json.js';

/** What a household buys and eats, in the shapes of shopping-list and meal apps the corpus does not hold. */
describe("an entry of a household's shopping list or meals (household-entries.ts)", () => {
  const shopping = { entries: [{ id: 7, shoppingListId: 'sl-1', itemId: 'Oranges', quantity: 3, note: 'ripe ones', done: false, createdAt: '2026-01-02' }] };
  const basket = { lists: { purchase: [{ uuid: 'e-1', itemId: 'Milk', specification: '1.5%' }] } };
  const plan = { days: [{ id: 4, date: '2026-03-02', meal: 'dinner', recipeId: 'r-3', servings: 4, recipe: { name: 'Lentil soup', prepTime: 'PT20M' } }] };
  const diary = [{ pk: 1, fields: { datetime: '2026-03-02T12:00:00Z', ingredient: 12, amount: '150', unit: 1 } }];

  it.each([
    ['$.entries[0].itemId', shopping],
    ['$.entries[0].quantity', shopping],
    ['$.entries[0].note', shopping],
    ['$.lists.purchase[0].itemId', basket],
    ['$.days[0].date', plan],
    ['$.days[0].recipeId', plan],
    ['$.days[0].servings', plan],
    ['$.days[0].recipe.name', plan],
    ['$[0].fields.datetime', diary],
    ['$[0].fields.ingredient', diary],
    ['$[0].fields.amount', diary],
  ])('reads %s as behaviour', (path, body) => {
    expect(at(classifyJson(body), path).categories).toContain('behaviour');
  });

  it.each([
    ['$.entries[0].id', shopping],
    ['$.entries[0].createdAt', shopping],
    ['$.days[0].id', plan],
    ['$.days[0].recipe.prepTime', plan],
    ['$[0].fields.unit', diary],
  ])("leaves the entry's bookkeeping and the recipe's catalogue %s alone", (path, body) => {
    expect(at(classifyJson(body), path).categories).not.toContain('behaviour');
  });

  it("needs a shopping list, a purchase list or a dish and a day: a shop's product list is no purchase", () => {
    const catalogue = { products: [{ productId: 'p-9', quantity: 12, note: 'new in store', date: '2026-01-01' }] };
    for (const path of ['$.products[0].productId', '$.products[0].quantity', '$.products[0].note']) {
      expect(at(classifyJson(catalogue), path).categories, path).not.toContain('behaviour');
    }
  });

  it("leaves a recipe book's recipes alone: a recipe without a day is no meal", () => {
    const book = { recipes: [{ id: 'r-3', name: 'Lentil soup', ingredient: 'lentils', amount: 200 }] };
    for (const path of ['$.recipes[0].name', '$.recipes[0].amount']) {
      expect(at(classifyJson(book), path).categories, path).not.toContain('behaviour');
    }
  });

  it("leaves an entry's settings alone (`disableAmount`)", () => {
    const entry = { items: [{ shoppingListId: 'sl-1', disableAmount: true, quantity: 1 }] };
    expect(at(classifyJson(entry), '$.items[0].disableAmount').categories).not.toContain('behaviour');
  });
});
