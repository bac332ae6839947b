/**
 * Parameters: checks that name the parameter, calendar dates, the field descriptions shared by
 * resources, and Output (what each returned record keeps).
 */
export * from './calendarDate';
export * from './descriptions';
export * from './validation';
export * from './resourceFields';
export * from './output';
